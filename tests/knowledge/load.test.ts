import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { containsVerbatim, KnowledgeBaseError, loadKnowledgeBase } from '../../src/knowledge/index.js';
import { CONTRACT_IDS, CONTRACT_TOPICS } from '../support/answers.js';
import { knowledgeBase, ROOT } from '../support/assistant.js';

const copies: string[] = [];

/** A copy of the real knowledge base to break on purpose. */
function copyOfKnowledgeBase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policybot-kb-'));
  cpSync(join(ROOT, 'intents'), join(dir, 'intents'), { recursive: true });
  cpSync(join(ROOT, 'content'), join(dir, 'content'), { recursive: true });
  copies.push(dir);
  return dir;
}

function edit(dir: string, file: string, change: (data: Record<string, unknown>) => void): void {
  const path = join(dir, file);
  const data = parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  change(data);
  writeFileSync(path, stringify(data));
}

function problemsOf(dir: string): string[] {
  try {
    loadKnowledgeBase({ root: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeBaseError);
    return (error as KnowledgeBaseError).problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
  }
  throw new Error('expected the knowledge base to fail loading');
}

afterEach(() => {
  for (const dir of copies.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the knowledge base', () => {
  const kb = knowledgeBase();

  it('serves exactly the 24 ids of the public contract, each from its own file', () => {
    expect([...kb.topics.keys()].sort()).toEqual([...CONTRACT_IDS].sort());
  });

  it('has a topic and at least 15 training phrases for every content intent of the contract', () => {
    for (const id of CONTRACT_TOPICS) {
      expect(kb.topics.has(id), id).toBe(true);
      expect(kb.examples.filter((e) => e.intent === id).length, id).toBeGreaterThanOrEqual(15);
    }
  });

  it('quotes every threat from the assessment as relayed by 1787, verbatim in the stored page', () => {
    const page = readFileSync(join(ROOT, 'content/sources/1787-transnational-crime.txt'), 'utf8');
    for (const topic of kb.topics.values()) {
      for (const quote of topic.quotes) expect(containsVerbatim(page, quote.text), quote.text).toBe(true);
      if (topic.group === 'threat') {
        expect(topic.quotes.length, topic.id).toBeGreaterThan(0);
        expect(
          topic.quotes.every((q) => q.source === 'odni-ata-2024'),
          topic.id,
        ).toBe(true);
      }
      if (topic.group === 'solution')
        expect(topic.quotes.some((q) => q.source === '1787-transnational-crime')).toBe(true);
    }
  });

  it('keeps the assessment dated as the document is dated, and stores the 1787 page text as the seed gives it', () => {
    const ata = kb.sources.get('odni-ata-2024');
    expect(ata?.date).toBe('2024-02-05');
    expect(ata?.quotedIn).toBe('1787-transnational-crime');
    expect(kb.sources.get('1787-transnational-crime')?.url).toBe(
      'https://1787securityplatform.com/transnationalcrime',
    );
  });

  it('links threats and solutions both ways', () => {
    for (const topic of kb.topics.values()) {
      if (topic.group !== 'threat' && topic.group !== 'solution') continue;
      for (const other of topic.related) {
        const back = kb.topics.get(other);
        if (back && (back.group === 'threat' || back.group === 'solution') && back.group !== topic.group) {
          expect(back.related, `${other} should link back to ${topic.id}`).toContain(topic.id);
        }
      }
    }
  });
});

describe('loading fails loudly, naming the file and the field', () => {
  it('rejects a quote that is not verbatim in its source', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'content/topics/threat.drugs.yaml', (t) => {
      (t.quotes as { text: string }[])[0] = {
        text: 'TCOs flood the country with fentanyl.',
        source: 'odni-ata-2024',
      } as never;
    });
    expect(problemsOf(dir)).toEqual([
      'content/topics/threat.drugs.yaml: quotes[0].text: is not found verbatim in the stored text of "odni-ata-2024"',
    ]);
  });

  it('holds a quote line in a detail to the same verbatim rule', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'content/topics/threat.fraud.yaml', (t) => {
      t.detail = `${String(t.detail)}\n\n> TCOs steal trillions from every bank on earth.`;
    });
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(
        /^content\/topics\/threat\.fraud\.yaml: detail: line \d+ is set as a quote but is not found verbatim/,
      ),
    ]);
  });

  it('names a related topic that does not exist once, without a cascade', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'content/topics/solution.inl.yaml', (t) => {
      t.related = ['threat.drugs', 'threat.piracy'];
    });
    expect(problemsOf(dir)).toEqual([
      'content/topics/solution.inl.yaml: related[1]: topic "threat.piracy" does not exist in content/topics/',
    ]);
  });

  it('rejects a source that does not exist', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'content/topics/solution.inl.yaml', (t) => {
      (t.background as { source: string }[])[0] = { text: 'A fact.', source: 'no-such-source' } as never;
    });
    expect(problemsOf(dir)).toEqual([
      'content/topics/solution.inl.yaml: background[0].source: source "no-such-source" does not exist in content/sources.yaml',
    ]);
  });

  it('rejects a topic in the wrong file and a phrase claimed by two intents, naming the entry by its id', () => {
    const dir = copyOfKnowledgeBase();
    cpSync(join(dir, 'content/topics/threat.fraud.yaml'), join(dir, 'content/topics/threat.fraud-copy.yaml'));
    const drugsPhrase = knowledgeBase().examples.find((e) => e.intent === 'threat.drugs')?.text ?? '';
    writeFileSync(
      join(dir, 'intents/zz-extra.yaml'),
      stringify([{ id: 'threat.ransomware', utterances: [drugsPhrase] }]),
    );
    const problems = problemsOf(dir);
    expect(problems).toContain(
      'content/topics/threat.fraud-copy.yaml: id: "threat.fraud" must match the file name: rename the file to threat.fraud.yaml',
    );
    expect(problems).toContainEqual(
      expect.stringMatching(
        /^intents\/zz-extra\.yaml: threat\.ransomware: utterances\[0\]: ".+" is also a phrase of intents\/threats\.yaml: threat\.drugs/,
      ),
    );
  });

  it('reports a YAML syntax error in one line, and phrases for a topic that has no file', () => {
    const dir = copyOfKnowledgeBase();
    writeFileSync(join(dir, 'intents/broken.yaml'), '- id: threat.drugs\n  utterances: [unclosed\n');
    rmSync(join(dir, 'content/topics/bot.thanks.yaml'));
    const problems = problemsOf(dir);
    expect(problems.filter((p) => p.startsWith('intents/broken.yaml'))).toEqual([
      expect.stringMatching(/^intents\/broken\.yaml: line \d+: is not valid YAML: /),
    ]);
    expect(problems).toContain(
      'intents/bot.yaml: bot.thanks: no topic "bot.thanks" in content/topics/ (and not a follow-up: followup.more, .source, .solutions, .threats)',
    );
  });

  it('a broken topic file is one problem: what refers to it is not reported again', () => {
    const dir = copyOfKnowledgeBase();
    writeFileSync(join(dir, 'content/topics/solution.ilea.yaml'), 'id: solution.ilea\ntitle: [\n');
    const problems = problemsOf(dir);
    expect(problems).toEqual([
      expect.stringMatching(/^content\/topics\/solution\.ilea\.yaml: line \d+: is not valid YAML/),
    ]);
  });

  it('rejects a summary of more than three sentences and a date that is not ISO', () => {
    const dir = copyOfKnowledgeBase();
    edit(dir, 'content/topics/threat.fraud.yaml', (t) => {
      t.summary = 'One. Two. Three. Four.';
    });
    const sources = parse(readFileSync(join(dir, 'content/sources.yaml'), 'utf8')) as { date?: string }[];
    (sources[0] as { date?: string }).date = 'Feb 5, 2024';
    writeFileSync(join(dir, 'content/sources.yaml'), stringify(sources));
    const problems = problemsOf(dir);
    expect(problems).toContain('content/topics/threat.fraud.yaml: summary: must be at most three sentences');
    expect(problems).toContain(
      'content/sources.yaml: odni-ata-2024: date: must be an ISO date: YYYY, YYYY-MM or YYYY-MM-DD',
    );
  });

  it("keeps a source's bibliographic fields honest: no provenance for an empty field, names unique", () => {
    const dir = copyOfKnowledgeBase();
    type Entry = Record<string, unknown> & { id: string };
    const sources = parse(readFileSync(join(dir, 'content/sources.yaml'), 'utf8')) as Entry[];
    const byId = (id: string): Entry => sources.find((s) => s.id === id) as Entry;
    // Provenance for a field the source does not fill: a date nobody read.
    (byId('state-oig-isp-i-23-08').provenance as Record<string, unknown>).date = {
      url: 'https://www.stateoig.gov/report/isp-i-23-08',
      shows: 'a date',
    };
    // A description beside a title would print one of them as the other.
    byId('gao-20-388').description = 'A GAO report';
    // Nothing to name the work by.
    const crs = byId('crs-if10578');
    delete crs.number;
    delete crs.description;
    delete crs.provenance;
    // "gao" would lead to two sources.
    byId('state-ilea').aliases = ['GAO'];
    writeFileSync(join(dir, 'content/sources.yaml'), stringify(sources));
    // One line each, the entry named by its id; nothing that cites these sources is reported again.
    expect(problemsOf(dir).sort()).toEqual([
      'content/sources.yaml: crs-if10578: title: a source needs its title, its number or, when neither is known, a description',
      'content/sources.yaml: gao-20-388: description: a description stands in for an unknown title: give one or the other',
      'content/sources.yaml: state-ilea: aliases[0]: "GAO" already names source "gao-20-388"',
      'content/sources.yaml: state-oig-isp-i-23-08: provenance.date: says where "date" was read, but the source has no date',
    ]);
  });

  it("gives every background source read on its publisher's page the provenance of each field", () => {
    for (const source of knowledgeBase().sources.values()) {
      for (const [field, where] of Object.entries(source.provenance ?? {})) {
        expect(source[field as keyof typeof source], `${source.id}.${field}`).toBeDefined();
        expect(where?.url, `${source.id}.${field}`).toMatch(/^https:\/\//);
      }
    }
    // Fields that were read, not written by us, for the sources whose publisher pages were found.
    const read = (id: string) => Object.keys(knowledgeBase().sources.get(id)?.provenance ?? {}).sort();
    expect(read('gao-20-388')).toEqual(['date', 'number', 'title', 'url']);
    expect(read('state-oig-isp-i-23-08')).toEqual(['number', 'title', 'url']);
    expect(read('doj-oia')).toEqual(['title', 'url']);
    expect(read('unodc')).toEqual(['url']);
  });
});
