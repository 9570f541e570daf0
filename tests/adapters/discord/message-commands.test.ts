import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyAssistant } from '../../../src/core/index.js';
import { assistant as realAssistant } from '../../support/assistant.js';
import {
  commandInteraction,
  componentInteraction,
  discordMessage,
  interaction,
  snowflake,
  USER_ID,
} from './fake-discord.js';
import { type Callback, type DiscordStandIn, startDiscord } from './stand-in.js';

// "Cite this" (a message context-menu command), /style, the /ask modal, Share on private answers
// and user installs, end to end: real discord.js over a fake gateway and REST API, and the signed
// HTTP interactions endpoint, with payloads shaped as Discord sends them.
let discord: DiscordStandIn;
let real: PolicyAssistant;

beforeAll(async () => {
  real = realAssistant();
  // The real assistant, slow on purpose for words that say "slowly" (past the ~2 s deferral).
  const assistant: PolicyAssistant = {
    ...real,
    knowledgeBase: real.knowledgeBase,
    defaultStyle: real.defaultStyle,
    cite: async (query, style, context) => {
      if (!query.startsWith('slowly: ')) return real.cite(query, style, context);
      await new Promise((resolve) => setTimeout(resolve, 2600));
      return real.cite(query.slice('slowly: '.length), style, context);
    },
  };
  discord = await startDiscord(assistant);
});

afterAll(async () => {
  await discord?.close();
});

/** Sends an interaction over the gateway and returns the callback discord.js POSTs for it. */
const roundTrip = (payload: Record<string, unknown>): Promise<Callback> => discord.overGateway(payload);

/** Sends an interaction to the HTTP endpoint, signed as Discord signs it, and returns the response. */
async function posted(payload: Record<string, unknown>): Promise<Callback> {
  const res = await discord.signedPost(payload);
  expect(res.status).toBe(200);
  return (await res.json()) as Callback;
}

/** "Cite this" used on a message: type 2, data.type 3, the message resolved under its id. */
function citeThisOn(content: string, who: { userId?: string } = {}): Record<string, unknown> {
  const messageId = snowflake();
  return interaction(
    2,
    {
      id: snowflake(),
      name: 'Cite this',
      type: 3,
      target_id: messageId,
      resolved: {
        messages: {
          [messageId]: discordMessage({
            id: messageId,
            content,
            author: {
              id: '777777777777777777',
              username: 'colleague',
              discriminator: '0',
              avatar: null,
              global_name: 'Colleague',
            },
          }),
        },
      },
    },
    who,
  );
}

/** The same interaction as it comes from a person's own install, in a DM between people: no server, no member. */
function fromUserInstall(payload: Record<string, unknown>): Record<string, unknown> {
  const { guild_id: _guild, member, ...rest } = payload as { guild_id?: unknown; member: { user: unknown } };
  return {
    ...rest,
    user: member.user,
    channel: { id: '888888888888888888', type: 1, recipients: [] },
    channel_id: '888888888888888888',
    context: 2,
    authorizing_integration_owners: { '1': USER_ID },
  };
}

const ids = (body: Callback): string[] =>
  (body.data.components ?? []).flatMap((r) => r.components.map((c) => c.custom_id));
const text = (body: Callback): string =>
  (body.data.embeds ?? [])
    .map((e) => [e.title, e.description, ...(e.fields ?? []).map((f) => `${f.name}\n${f.value}`)].join('\n'))
    .join('\n');

describe('Cite this (message context-menu command)', () => {
  it('cites the topic a message is about, privately: the verbatim quote and reference, Share, Sources and "Not this one?"', async () => {
    const body = await roundTrip(citeThisOn('the ATA says TCOs see human trafficking as low-risk'));
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    const topic = real.knowledgeBase.topics.get('threat.trafficking');
    expect(body.data.embeds?.[0]?.title).toBe(topic?.title);
    const shown = text(body);
    expect(shown).toContain('On: “the ATA says TCOs see human trafficking as low\\-risk”');
    expect(shown.replace(/\s+/g, ' ')).toContain(topic?.quotes[0]?.text.replace(/\s+/g, ' '));
    const cited = await real.cite('threat.trafficking');
    if (cited.kind !== 'topic') throw new Error('trafficking is not citable');
    expect(shown).toContain(cited.references[0]?.entry);
    expect(ids(body)).toEqual([
      `pb:sharecite:${real.defaultStyle}:threat.trafficking`,
      'pb:source:threat.trafficking',
      'pb:citepick:x',
    ]);
  });

  it('says that the sources do not support a claim they do not make, with the nearest topics', async () => {
    const body = await roundTrip(citeThisOn('the ATA says cartels run the Vatican bank'));
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds?.[0]?.title).toBe('Not in the sources');
    expect(body.data.embeds?.[0]?.description).toContain('do not support this');
    expect(body.data.embeds?.[0]?.description).toContain('Nearest topics:');
    expect(ids(body).some((id) => id.startsWith('pb:topic:'))).toBe(true);
  });

  it('defers a slow citation privately, then edits the answer in', async () => {
    const payload = citeThisOn('slowly: ransomware attacks on hospitals');
    const body = await roundTrip(payload);
    expect(body).toEqual({ type: 5, data: { flags: 64 }, files: {} });
    const edit = await discord.rest.waitFor(
      (r) => r.method === 'PATCH' && r.path.includes(String(payload.token)),
      10_000,
    );
    expect(JSON.stringify(edit.body)).toContain('Ransomware');
  });

  it('Share posts the citation for everyone; "Not this one?" cites the topic picked, privately', async () => {
    const shared = await roundTrip(
      componentInteraction('pb:sharecite:apa:threat.trafficking', { ephemeral: true }),
    );
    expect(shared.data.flags ?? 0).toBe(0);
    const apa = await real.cite('threat.trafficking', 'apa');
    if (apa.kind !== 'topic') throw new Error('trafficking is not citable');
    expect(text(shared)).toContain(apa.references[0]?.entry);
    expect(ids(shared)).not.toContain('pb:sharecite:apa:threat.trafficking');

    const picked = await roundTrip(
      componentInteraction('pb:citepick:x', { ephemeral: true, values: ['threat.drugs'] }),
    );
    expect(picked.data.flags).toBe(64);
    expect(picked.data.embeds?.[0]?.title).toBe(real.knowledgeBase.topics.get('threat.drugs')?.title);
  });

  it('over the HTTP endpoint too, from a user install in a DM between people', async () => {
    const body = await posted(fromUserInstall(citeThisOn('what does the report say about fentanyl')));
    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(body.data.embeds?.[0]?.title).toBe(real.knowledgeBase.topics.get('threat.drugs')?.title);
  });
});

describe('/style, /ask and Share', () => {
  const who = { userId: '666666666666666777' };

  it("/style keeps the person's style, and their next /ask and Cite this use it; no one else's", async () => {
    const set = await roundTrip(commandInteraction('style', [{ name: 'style', type: 3, value: 'mla' }], who));
    expect(set.data.flags).toBe(64);
    expect(set.data.content).toContain('MLA');
    const mla = (await real.ask('ransomware', { style: 'mla' })).references[0]?.entry ?? '—';
    const chicago = (await real.ask('ransomware')).references[0]?.entry ?? '—';
    expect(mla).not.toBe(chicago);

    const mine = await roundTrip(
      commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }], who),
    );
    expect(text(mine)).toContain(mla);
    const theirs = await roundTrip(
      commandInteraction('ask', [{ name: 'question', type: 3, value: 'ransomware' }]),
    );
    expect(text(theirs)).toContain(chicago);
    // The HTTP endpoint, sharing the state store, knows the same person's style.
    const cite = await posted(citeThisOn('ransomware attacks on hospitals', who));
    expect(ids(cite)[0]).toBe('pb:sharecite:mla:threat.ransomware');

    const asked = await roundTrip(commandInteraction('style', [], who));
    expect(asked.data.content).toContain('MLA');
  });

  it('/ask without a question opens a modal with the question, the style and who sees it; its submission is answered so', async () => {
    const opened = await roundTrip(
      commandInteraction('ask', [
        { name: 'style', type: 3, value: 'apa' },
        { name: 'private', type: 5, value: true },
      ]),
    );
    expect(opened.type).toBe(9);
    expect(opened.data.custom_id).toBe('pb:ask:apa:1');
    expect(opened.data.title).toBe('Ask policybot');
    const labels = opened.data.components as unknown as {
      type: number;
      label: string;
      component: {
        type: number;
        custom_id: string;
        style?: number;
        options?: { value: string; default?: boolean }[];
      };
    }[];
    expect(labels.map((l) => [l.type, l.component.type, l.component.custom_id])).toEqual([
      [18, 4, 'question'],
      [18, 3, 'style'],
      [18, 3, 'visibility'],
    ]);
    expect(labels[0]?.component.style).toBe(2);
    // The command's choices are the form's defaults.
    expect(labels[1]?.component.options?.find((o) => o.default)?.value).toBe('apa');
    expect(labels[2]?.component.options?.find((o) => o.default)?.value).toBe('me');

    // Submitted as Discord sends a form of labels: the person changed the style and the audience.
    const question = 'what should we do about ransomware, and why does it matter?';
    const submit = interaction(5, {
      custom_id: 'pb:ask:apa:1',
      components: [
        { type: 18, id: 1, component: { type: 4, id: 2, custom_id: 'question', value: question } },
        { type: 18, id: 3, component: { type: 3, id: 4, custom_id: 'style', values: ['mla'] } },
        { type: 18, id: 5, component: { type: 3, id: 6, custom_id: 'visibility', values: ['channel'] } },
      ],
    });
    const answered = await roundTrip(submit);
    expect(answered.type).toBe(4);
    expect(answered.data.flags ?? 0).toBe(0);
    const mla = (await real.ask(question, { style: 'mla' })).references[0]?.entry;
    expect(text(answered)).toContain(mla);

    // Over the HTTP endpoint, an older client's action-row form with only the question: the command's choices hold.
    const http = await posted(
      interaction(5, {
        custom_id: 'pb:ask:default:1',
        components: [{ type: 1, components: [{ type: 4, custom_id: 'question', value: 'fentanyl' }] }],
      }),
    );
    expect(http.data.flags).toBe(64);
    expect(http.data.embeds?.[0]?.title).toBe('Illicit drugs and trafficking');
  });
});
