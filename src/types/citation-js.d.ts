// @citation-js 0.8 ships no declarations (0.9, which does, needs Node 22). These cover what
// src/core/citations/render.ts and the tests use.
declare module '@citation-js/core' {
  export interface CitationItem {
    readonly id: string;
    readonly prefix?: string;
    readonly suffix?: string;
  }
  export interface CitationCluster {
    readonly citationItems: readonly CitationItem[];
    readonly properties: { readonly noteIndex: number };
  }
  export interface FormatOptions {
    readonly format?: 'text' | 'html' | 'rtf' | 'object' | 'string';
    readonly template?: string;
    readonly lang?: string;
    readonly entry?: string | readonly string[] | CitationCluster;
    readonly citationsPre?: readonly CitationCluster[];
    readonly asEntryArray?: boolean;
  }
  export class Cite {
    constructor(data?: unknown, options?: object);
    static async(data: unknown): Promise<Cite>;
    readonly data: Record<string, unknown>[];
    format(
      format: 'bibliography' | 'citation' | 'bibtex' | 'data' | 'biblatex' | 'ris',
      options?: FormatOptions,
    ): string;
  }
  interface Register<T> {
    add(name: string, value: T): void;
    has(name: string): boolean;
    get(name: string): T | undefined;
  }
  export const plugins: {
    config: {
      get(name: '@csl'): { styles: Register<string>; locales: Register<string> };
      get(name: '@bibtex'): { format: { useIdAsLabel: boolean; checkLabel: boolean; asciiOnly: boolean } };
      get(name: string): unknown;
    };
  };
}
declare module '@citation-js/plugin-csl' {}
declare module '@citation-js/plugin-bibtex' {}
declare module '@citation-js/plugin-ris' {}
