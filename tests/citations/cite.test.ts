import { Cite } from '@citation-js/core';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTestCaches, run, testEnv } from './cli.js';
import { ATA_PDF, knowledgeBase, PAGE_URL } from './helpers.js';

afterAll(removeTestCaches);

const DRUGS =
  'Western Hemisphere-based TCOs involved in illicit drug production and trafficking bound for the United States and partner nations, endanger the health and safety of millions of individuals and contribute to a global health crisis. Illicit drugs including fentanyl, heroin, methamphetamine, and South American-sourced cocaine all contribute to global demand for drugs.';
const ODNI = 'Office of the Director of National Intelligence';

describe('policybot cite', () => {
  it('prints the drug-trafficking sentence with a Chicago bibliography entry and short note', async () => {
    const { code, stdout } = await run(['cite', 'fentanyl', '--style', 'chicago']);
    expect(code).toBe(0);
    expect(stdout).toContain(`“${DRUGS}”`);
    expect(stdout).toContain(
      `Bibliography\n  ${ODNI}. Annual Threat Assessment of the U.S. Intelligence Community. ${ODNI}, February 5, 2024. ${ATA_PDF}. Quoted in 1787, “Transnational Crime,” accessed November 26, 2026, ${PAGE_URL}.`,
    );
    expect(stdout).toContain(
      `Note (short form)\n  ${ODNI}, Annual Threat Assessment, quoted in 1787, “Transnational Crime.”`,
    );
  });

  it('prints APA: the reference-list entry of the page and the in-text "as cited in"', async () => {
    const { code, stdout } = await run(['cite', 'fentanyl', '--style', 'apa']);
    expect(code).toBe(0);
    expect(stdout).toContain(DRUGS);
    expect(stdout).toContain(
      `Reference list\n  1787. (n.d.). Transnational crime. Retrieved November 26, 2026, from ${PAGE_URL}\n`,
    );
    expect(stdout).toContain(`In text\n  (${ODNI}, 2024, as cited in 1787, n.d.)`);
  });

  it('prints MLA: the Works Cited entry of the page, and "qtd. in" with whom to name', async () => {
    const { code, stdout } = await run(['cite', 'fentanyl', '--style', 'mla']);
    expect(code).toBe(0);
    expect(stdout).toContain(DRUGS);
    expect(stdout).toContain(
      'Works Cited\n  “Transnational Crime.” 1787, 1787securityplatform.com/transnationalcrime. Accessed 26 Nov. 2026.',
    );
    expect(stdout).toContain(`In text (name ${ODNI} in the sentence)\n  (qtd. in “Transnational Crime”)`);
  });

  it('prints BibTeX that can be saved as a .bib file, the quote as a comment', async () => {
    const { code, stdout } = await run(['cite', 'fentanyl', '--style', 'bibtex']);
    expect(code).toBe(0);
    expect(stdout).toContain(`% “${DRUGS}”`);
    expect(stdout).toContain('@techreport{odniata2024,');
    expect(stdout).toContain('@misc{1787transnationalcrime,');
  });

  it('prints CSL-JSON alone on standard output, the quote on standard error', async () => {
    const { code, stdout, stderr } = await run(['cite', 'fentanyl', '--style', 'csl-json']);
    expect(code).toBe(0);
    expect(stderr).toContain(DRUGS);
    const items = JSON.parse(stdout) as { id: string }[];
    expect(items.map((i) => i.id)).toEqual(['odni-ata-2024', '1787-transnational-crime']);
  });

  it('prints plain and Markdown one-liners after the quote', async () => {
    const plain = await run(['cite', 'fentanyl', '--style', 'plain']);
    expect(plain.stdout).toContain(
      `“${DRUGS}”\n\n${ODNI}, “Annual Threat Assessment of the U.S. Intelligence Community,” February 5, 2024, ${ATA_PDF}; quoted in 1787, “Transnational Crime,” ${PAGE_URL}, accessed November 26, 2026.`,
    );
    const markdown = await run(['cite', 'fentanyl', '--style', 'markdown']);
    expect(markdown.stdout).toContain(`> “${DRUGS}”`);
    expect(markdown.stdout).toContain(`“[Transnational Crime](${PAGE_URL}),”`);
  });

  it('gives everything structured with --json', async () => {
    const { code, stdout } = await run(['cite', 'fentanyl', '--style', 'chicago', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      query: 'fentanyl',
      topic: { intent: 'threat.drugs', title: 'Illicit drugs and trafficking' },
      source: null,
      style: 'chicago',
      quotes: [{ text: DRUGS, source: 'odni-ata-2024', via: '1787-transnational-crime' }],
      references: [
        {
          style: 'chicago',
          sourceId: 'odni-ata-2024',
          via: '1787-transnational-crime',
          note: `${ODNI}, Annual Threat Assessment, quoted in 1787, “Transnational Crime.”`,
        },
      ],
    });
    expect(out.references[0].text).toBe(out.references[0].entry);
    expect(out.references[0].html.entry).toContain(
      '<i>Annual Threat Assessment of the U.S. Intelligence Community</i>',
    );
  });

  it('resolves a topic with the same matcher as answers', async () => {
    const ransomware = JSON.parse((await run(['cite', 'the', 'ransomware', 'bit', '--json'])).stdout);
    expect(ransomware.topic.intent).toBe('threat.ransomware');
    const inl = JSON.parse((await run(['cite', 'INL', '--json'])).stdout);
    expect(inl.topic.intent).toBe('solution.inl');
    expect(inl.references.map((r: { sourceId: string }) => r.sourceId)).toEqual(['1787-transnational-crime']);
  });

  it('cites a source named directly', async () => {
    for (const [name, id] of [
      ['ata', 'odni-ata-2024'],
      ['ODNI', 'odni-ata-2024'],
      ['the report', 'odni-ata-2024'],
      ['1787', '1787-transnational-crime'],
      ['1787 page', '1787-transnational-crime'],
    ] as const) {
      const out = JSON.parse((await run(['cite', name, '--json'])).stdout);
      expect(out.source, name).toBe(id);
      expect(out.references[0].sourceId, name).toBe(id);
    }
  }, 60_000);

  it('cites the assessment as itself and, labelled apart, as quoted in 1787', async () => {
    const { code, stdout } = await run(['cite', 'ata', '--style', 'chicago']);
    expect(code).toBe(0);
    const own = stdout.indexOf(`The report itself — for what you read in it yourself (${ATA_PDF})`);
    const quoted = stdout.indexOf(
      'As quoted in 1787, “Transnational Crime” — for the words policybot quotes',
    );
    expect(own).toBeGreaterThan(0);
    expect(quoted).toBeGreaterThan(own);
    // The report's own entry, with no "Quoted in", under its label; the quoted-in one under the other.
    expect(stdout.slice(own, quoted)).toContain(
      `Bibliography\n  ${ODNI}. Annual Threat Assessment of the U.S. Intelligence Community. ${ODNI}, February 5, 2024. ${ATA_PDF}.\n`,
    );
    expect(stdout.slice(own, quoted)).not.toContain('Quoted in');
    expect(stdout.slice(quoted)).toContain(
      `${ATA_PDF}. Quoted in 1787, “Transnational Crime,” accessed November 26, 2026`,
    );
  });

  it('gives both forms in --json, keeping `references` as it was', async () => {
    const out = JSON.parse((await run(['cite', 'ata', '--style', 'apa', '--json'])).stdout);
    // As before: the source in the form its quotes are cited in.
    expect(out.source).toBe('odni-ata-2024');
    expect(out.references).toEqual([
      expect.objectContaining({ sourceId: 'odni-ata-2024', via: '1787-transnational-crime' }),
    ]);
    // Added: each source as itself and as quoted in, with when to use which.
    expect(out.sources).toEqual([
      {
        id: 'odni-ata-2024',
        title: 'Annual Threat Assessment of the U.S. Intelligence Community',
        own: expect.objectContaining({
          entry: `${ODNI}. (2024, February 5). Annual threat assessment of the U.S. Intelligence Community. ${ATA_PDF}`,
          inText: `(${ODNI}, 2024)`,
          use: expect.stringMatching(/^The report itself/),
        }),
        quotedIn: expect.objectContaining({
          inText: `(${ODNI}, 2024, as cited in 1787, n.d.)`,
          via: '1787-transnational-crime',
          use: expect.stringMatching(/^As quoted in 1787/),
        }),
      },
    ]);
  });

  it('writes the assessment and the page once each as BibTeX a reference manager can read', async () => {
    const { stdout } = await run(['cite', 'ata', '--style', 'bibtex']);
    const parsed = new Cite(stdout).data as { id: string; note?: string }[];
    expect(parsed.map((p) => p.id)).toEqual(['odniata2024', '1787transnationalcrime']);
    expect(parsed[0]?.note).toBeUndefined();
    expect(stdout).toContain('% As quoted in 1787, “Transnational Crime” — for the words policybot quotes');
  });

  it('cites every background source by the names the issue found wanting, and every source by its id', {
    timeout: 90_000,
  }, async () => {
    for (const [name, id] of [
      ['gao', 'gao-20-388'],
      ['state oig', 'state-oig-isp-i-23-08'],
      ['unodc', 'unodc'],
      ['crs-if10578', 'crs-if10578'],
      ['CRS', 'crs-if10578'],
      ['U.S. Department of Justice', 'doj-oia'],
    ] as const) {
      const { code, stdout } = await run(['cite', name, '--json']);
      expect(code, name).toBe(0);
      expect(
        JSON.parse(stdout).sources.map((s: { id: string }) => s.id),
        name,
      ).toEqual([id]);
    }
    for (const id of knowledgeBase().sources.keys()) {
      const out = JSON.parse((await run(['cite', id, '--json'])).stdout);
      expect(out.source, id).toBe(id);
    }
    const text = await run(['cite', 'crs']);
    // An untitled source is headed by its publisher and number, not by a description as a title.
    expect(text.stdout).toContain('Source: Congressional Research Service, IF10578');
  });

  it('points a topic’s second-hand quotes to the report’s own reference', async () => {
    const { stdout } = await run(['cite', 'fentanyl', '--style', 'mla']);
    expect(stdout).toContain(
      'Read the report itself? policybot cite ATA gives its own reference, beside this quoted-in form.',
    );
  });

  it('cites nothing for text that names no topic, offering the nearest ones, and exits 1', async () => {
    const { code, stdout, stderr } = await run(['cite', 'weather', 'in', 'paris']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('No topic called “weather in paris”.');
    // Slack-escaped markup, as "/policy cite" would pass it undecoded, is not a topic either.
    const escaped = await run(['cite', 'AT&amp;T &lt;b&gt;']);
    expect(escaped.code).toBe(1);
    expect(escaped.stderr).toContain('No topic called');
    const near = await run(['cite', 'fe']);
    expect(near.code).toBe(1);
    expect(near.stderr).toContain('Did you mean: Illicit drugs and trafficking');
    const json = await run(['cite', 'weather in paris', '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ topic: null, quotes: [], references: [] });
  });

  it('cites a topic about a source by that source, and exits 2 for an unknown style or no topic', async () => {
    const immigration = await run(['cite', 'immigration', 'reform', '--json']);
    expect(immigration.code).toBe(0);
    expect(JSON.parse(immigration.stdout).source).toBe('1787-security-platform');
    const unknown = await run(['cite', 'fentanyl', '--style', 'harvard']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown style "harvard"');
    expect((await run(['cite'])).code).toBe(2);
  });

  it('uses POLICYBOT_CITATION_STYLE when --style is not given', async () => {
    const out = JSON.parse(
      (await run(['cite', 'fentanyl', '--json'], testEnv({ POLICYBOT_CITATION_STYLE: 'mla' }))).stdout,
    );
    expect(out.style).toBe('mla');
    const chicago = JSON.parse((await run(['cite', 'fentanyl', '--json'])).stdout);
    expect(chicago.style).toBe('chicago');
  });
});
