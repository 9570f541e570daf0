import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCoreConfig } from '../config/core.js';
import type { CoreConfig } from '../config/env.js';
import { type AssistantOptions, createAssistant, type PolicyAssistant } from '../core/index.js';
import { modelFromState, modelToState, type TrainedModel, trainModel } from '../core/model.js';
import type { KnowledgeBase } from '../knowledge/types.js';
import { cacheable, cacheFile, compile, fingerprint, knowledgeFrom, readCompiled, writeCompiled } from './cache.js';

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

/** The knowledge base and its trained model: from the start-up cache when nothing changed, else afresh. */
export async function openKnowledge(
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ kb: KnowledgeBase; model: TrainedModel; root: string }> {
  const root = await knowledgeDir(env);
  const useCache = cacheable && !env.POLICYBOT_NO_CACHE;
  const print = useCache ? fingerprint(root) : '';
  const file = cacheFile(root, env);
  const cached = useCache ? readCompiled(file, print) : undefined;
  if (cached) {
    const model = modelFromState(cached.model);
    if (model) return { kb: knowledgeFrom(cached), model, root };
  }
  const kb = await loadValidated(root);
  const model = trainModel(kb);
  if (useCache) writeCompiled(file, compile(kb, modelToState(model), print));
  return { kb, model, root };
}

export function assistantOptions(config: CoreConfig): AssistantOptions {
  return {
    ...(config.POLICYBOT_THRESHOLD === undefined ? {} : { threshold: config.POLICYBOT_THRESHOLD }),
    ...(config.POLICYBOT_MAX_QUESTION_LENGTH === undefined ? {} : { maxQuestionLength: config.POLICYBOT_MAX_QUESTION_LENGTH }),
    ...(config.POLICYBOT_CONVERSATION_TTL_SECONDS === undefined
      ? {}
      : { conversationTtlMs: config.POLICYBOT_CONVERSATION_TTL_SECONDS * 1000 }),
  };
}

/** Builds the assistant with the environment's settings. */
export async function openAssistant(env: NodeJS.ProcessEnv = process.env): Promise<PolicyAssistant> {
  const config = await loadCoreConfig(env);
  const { kb, model } = await openKnowledge(env);
  return createAssistant(kb, { ...assistantOptions(config), model });
}
