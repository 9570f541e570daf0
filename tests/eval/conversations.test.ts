import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  evaluateConversations,
  formatConversationReport,
  isConversationFile,
  readConversations,
} from '../../src/eval/conversations.js';
import { assistant, knowledgeBase, ROOT } from '../support/assistant.js';

const FILE = join(ROOT, 'tests/eval/conversations.jsonl');

describe('whole conversations as an evaluation set', () => {
  const known = new Set(knowledgeBase().topics.keys());

  it('reads the conversations file, each turn labelled, and tells it from the other formats', () => {
    expect(isConversationFile(FILE)).toBe(true);
    const conversations = readConversations(FILE, known);
    expect(conversations.length).toBeGreaterThanOrEqual(10);
    expect(conversations.every((c) => c.turns.length >= 3)).toBe(true);
    expect(isConversationFile(join(ROOT, 'tests/eval/questions.jsonl'))).toBe(false);
  });

  it('names the line and field of a bad entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conv-'));
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(
      bad,
      '{"conversation": [{"q": "fentanyl?", "ok": ["threat.drugs"]}, {"q": "more", "ok": ["threat.nope"]}]}\n{"conversation": [{"q": "x", "ok": []}]}\n',
    );
    expect(() => readConversations(bad, known)).toThrow(/bad\.jsonl:1: ok: unknown intent id "threat\.nope"/);
    expect(() => readConversations(bad, known)).toThrow(/bad\.jsonl:2: conversation/);
  });

  it('scores later turns and whole conversations, asked through the port with memory', async () => {
    const report = await evaluateConversations(assistant(), [
      {
        line: 1,
        turns: [
          { q: 'what does the ata say about ransomware', ok: ['threat.ransomware'], followUp: [null] },
          { q: 'best pizza in town', ok: ['fallback'], followUp: [null] },
          { q: 'tell me more', ok: ['threat.ransomware'], followUp: ['more'] },
        ],
      },
      {
        line: 2,
        turns: [
          { q: 'what does the ata say about ransomware', ok: ['threat.ransomware'], followUp: [null] },
          // Labelled wrong on purpose: the conversation is not whole, its later turns one miss of two.
          { q: 'source?', ok: ['threat.ransomware'], followUp: ['more'] },
          { q: 'tell me more', ok: ['threat.ransomware'], followUp: ['more'] },
        ],
      },
    ]);
    expect(report.conversations).toEqual({ total: 2, correct: 1, accuracy: 0.5 });
    expect(report.laterTurns).toEqual({ total: 4, correct: 3, accuracy: 0.75 });
    expect(report.misses).toMatchObject([
      { line: 2, turn: 2, predicted: 'threat.ransomware', predictedFollowUp: 'source' },
    ]);
    expect(formatConversationReport(report)).toContain('Whole conversations: 50.0% (1/2)');
  });
});
