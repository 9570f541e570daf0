import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCoreConfig } from '../config/core.js';
import type { CoreConfig } from '../config/env.js';
import { ReferenceProvider } from '../core/citations/provider.js';
import type { ReferenceParts } from '../core/citations/reference.js';
import { type CitationStyle, DEFAULT_CITATION_STYLE, ENGINE_STYLES } from '../core/citations/styles.js';
import type { ConversationStore } from '../core/conversation/store.js';
import { type AssistantOptions, createAssistant, type PolicyAssistant } from '../core/index.js';
import { Classifier } from '../core/model/classifier.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import {
  type CompiledKnowledge,
  cacheable,
  cacheFile,
  compile,
  fingerprint,
  knowledgeFrom,
  readCompiled,
  sameCode,
  writeCompiled,
} from './cache.js';

/** The folder with intents/ and content/: the package root, found upwards from this file in src/ or dist/. */
export function defaultKnowledgeDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'intents')) && existsSync(join(dir, 'content'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export async function knowledgeDir(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return resolve((await loadCoreConfig(env)).POLICYBOT_KNOWLEDGE_DIR ?? defaultKnowledgeDir());
}

/** Validates intents/ and content/ (YAML and zod load only here, never on a warm start). */
export async function loadValidated(root: string): Promise<KnowledgeBase> {
  const { loadKnowledgeBase } = await import('../knowledge/load.js');
  return loadKnowledgeBase({ root });
}

export interface OpenKnowledge {
  readonly kb: KnowledgeBase;
  readonly model: Classifier;
  readonly root: string;
  /** The configured citation style, and each source's reference in it when it needs the engine. */
  readonly style: CitationStyle;
  readonly references: Readonly<Record<string, ReferenceParts>> | undefined;
  /**
   * Set when today's files did not load and the last good knowledge base (the start-up cache of
   * the last load that did) is served instead: why they did not.
   */
  readonly lastGood?: { readonly error: unknown };
}

export function citationStyle(config: CoreConfig): CitationStyle {
  return config.POLICYBOT_CITATION_STYLE ?? DEFAULT_CITATION_STYLE;
}

/** Renders every source's reference in an engine style (loading citation-js, a few hundred ms). */
async function renderReferences(
  kb: KnowledgeBase,
  style: CitationStyle,
): Promise<Record<string, ReferenceParts>> {
  const { referenceTable } = await import('../core/citations/reference.js');
  return referenceTable(kb, style);
}

/**
 * The knowledge base, its trained model and the configured style's references: from the start-up
 * cache when nothing changed, else afresh. A style the cache has not seen yet is rendered once and
 * added to it.
 */
export async function openKnowledge(
  env: NodeJS.ProcessEnv = process.env,
  parsed?: CoreConfig,
  options: { readonly lastGood?: boolean } = {},
): Promise<OpenKnowledge> {
  const config = parsed ?? (await loadCoreConfig(env));
  const style = citationStyle(config);
  const engine = ENGINE_STYLES.has(style);
  const root = resolve(config.POLICYBOT_KNOWLEDGE_DIR ?? defaultKnowledgeDir());
  // From TypeScript sources the code may change under the cache; an explicit cache folder is the caller's choice.
  const caching = (cacheable || env.POLICYBOT_CACHE_DIR !== undefined) && !env.POLICYBOT_NO_CACHE;
  const print = caching ? fingerprint(root) : '';
  const file = cacheFile(root, env);
  const cached = caching ? readCompiled(file, print) : undefined;
  if (cached) {
    const kb = knowledgeFrom(cached);
    const model = Classifier.fromState(cached.model, kb);
    if (model) {
      if (!engine) return { kb, model, root, style, references: undefined };
      const kept = cached.references?.[style];
      if (kept) return { kb, model, root, style, references: kept };
      const references = await renderReferences(kb, style);
      const updated: CompiledKnowledge = {
        ...cached,
        references: { ...cached.references, [style]: references },
      };
      writeCompiled(file, updated);
      return { kb, model, root, style, references };
    }
  }
  let kb: KnowledgeBase;
  try {
    kb = await loadValidated(root);
  } catch (error) {
    // `serve` after a bad edit: the cache holds the last knowledge base that loaded (it is
    // written only after one did), so a restart still serves it rather than nothing.
    const kept =
      options.lastGood && caching ? readCompiled(file, (stored) => sameCode(stored, print)) : undefined;
    const keptKb = kept === undefined ? undefined : knowledgeFrom(kept);
    const keptModel =
      kept === undefined || keptKb === undefined ? undefined : Classifier.fromState(kept.model, keptKb);
    if (kept === undefined || keptKb === undefined || keptModel === undefined) throw error;
    const references = engine
      ? (kept.references?.[style] ?? (await renderReferences(keptKb, style)))
      : undefined;
    return { kb: keptKb, model: keptModel, root, style, references, lastGood: { error } };
  }
  const model = Classifier.train(kb);
  const references = engine ? await renderReferences(kb, style) : undefined;
  if (caching)
    writeCompiled(file, compile(kb, model.toState(), print, references ? { [style]: references } : {}));
  return { kb, model, root, style, references };
}

function assistantOptions(config: CoreConfig): AssistantOptions {
  return {
    ...(config.POLICYBOT_THRESHOLD === undefined ? {} : { threshold: config.POLICYBOT_THRESHOLD }),
    ...(config.POLICYBOT_MAX_QUESTION_LENGTH === undefined
      ? {}
      : { maxQuestionLength: config.POLICYBOT_MAX_QUESTION_LENGTH }),
    ...(config.POLICYBOT_CONVERSATION_TTL_SECONDS === undefined
      ? {}
      : { conversationTtlMs: config.POLICYBOT_CONVERSATION_TTL_SECONDS * 1000 }),
  };
}

/**
 * The assistant for opened knowledge and the environment's settings, references in the configured
 * style: the one way every entry point (CLI, serve, reload, report) builds it.
 */
export function assistantFrom(
  opened: OpenKnowledge,
  config: CoreConfig,
  conversations?: ConversationStore,
): PolicyAssistant {
  return createAssistant(opened.kb, {
    ...assistantOptions(config),
    classifier: opened.model,
    references: new ReferenceProvider(opened.kb, opened.style, opened.references),
    ...(conversations === undefined ? {} : { conversations }),
  });
}

/** Builds the assistant with the environment's settings. */
export async function openAssistant(
  env: NodeJS.ProcessEnv = process.env,
  conversations?: ConversationStore,
): Promise<PolicyAssistant> {
  const config = await loadCoreConfig(env);
  return assistantFrom(await openKnowledge(env, config), config, conversations);
}
