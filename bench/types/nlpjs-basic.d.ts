// @nlpjs/basic ships no declarations: the little of it the benchmark uses.
declare module '@nlpjs/basic' {
  export interface NlpResult {
    readonly intent: string;
    readonly score: number;
  }
  export interface NlpInstance {
    readonly settings: Record<string, unknown>;
    addLanguage(locales: string | readonly string[]): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    process(locale: string, utterance: string): Promise<NlpResult>;
  }
  export interface NlpContainer {
    use(plugin: unknown): void;
    get(name: 'nlp'): NlpInstance;
    getConfiguration(tag: string): Record<string, unknown> | undefined;
    registerConfiguration(tag: string, configuration: Record<string, unknown>, overwrite?: boolean): void;
  }
  export function containerBootstrap(): Promise<NlpContainer>;
  export const Nlp: unknown;
  export const LangEn: unknown;
}
