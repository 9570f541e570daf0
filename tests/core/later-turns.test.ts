import { afterEach, describe, expect, it, vi } from 'vitest';
import { assistant, TestConversation, turns } from '../support/assistant.js';

describe('later turns: the follow-up head', () => {
  it('reads a follow-up clause of its own ("— tl;dr?") however the rest names a topic, after a decline too', async () => {
    const cases: [string, string, string, string | null][] = [
      [
        'border and maritime security with partners',
        'anyway, back to maritime security — tl;dr?',
        'solution.border',
        'short',
      ],
      [
        'the overall tco threat',
        'ok sorry — the overall TCO threat, in one line?',
        'threat.overview',
        'short',
      ],
      ['what does 1787 say about ilea', 'ok, back to the ILEA solution — shorter?', 'solution.ilea', 'short'],
      [
        'tell me about ransomware gangs',
        'right, the ransomware warning: source?',
        'threat.ransomware',
        'source',
      ],
    ];
    for (const [first, later, intent, kind] of cases) {
      const got = await turns(`clause-${later}`, [first, 'what is the capital of australia', later]);
      expect(got[1]?.[0], later).toBe('fallback');
      expect(got[2], later).toEqual([intent, kind]);
    }
  });

  it('reads a clause that asks of the rest ("ILEA — what is it") as the topic itself, not a follow-up', async () => {
    for (const q of [
      'ILEA — what is it',
      'canada joint enforcement — what is it',
      'fortify INL — what does that mean',
    ]) {
      const [got] = await turns(`pronoun-${q}`, [q]);
      expect(got?.[1], q).toBeNull();
    }
  });

  it('answers the topic named, not a follow-up, when the act head cannot say which follow-up', async () => {
    // "short" 0.23, "more" 0.19, none 0.46: the acts together pass, no single one does.
    expect(await turns('mlat', ['treaties — what is the proposal', "what's an MLAT"])).toEqual([
      ['solution.treaties', null],
      ['solution.treaties', null],
    ]);
    // "and X?" names X: its own answer, not "more" of it.
    const inl = await turns('inl', [
      'drugs bound for the US',
      'what do we do about it?',
      'ok, and the INL one - what’s that about?',
    ]);
    expect(inl[2]).toEqual(['solution.inl', null]);
  });
});

describe('later turns: what a source proposes or warns of', () => {
  it("reads a source's solutions as the list it relates to, whatever opens the question", async () => {
    for (const q of [
      'alright what do they propose',
      'and what do they recommend?',
      'so what do they propose',
    ]) {
      const got = await turns(`source-${q}`, ['who is 1787', q]);
      expect(got[1], q).toEqual(['solution.overview', null]);
    }
    // The report's threats, after the report: the overall threat it relates to.
    const ata = await turns('source-ata', [
      'what is the annual threat assessment',
      'what threats does it warn about?',
    ]);
    expect(ata[1]).toEqual(['threat.overview', null]);
  });
});

describe("later turns: a source's reference", () => {
  it('gives a source its reference in the style named, and answers other questions about it', async () => {
    const cited = await turns('source-cite', [
      'when was the threat assessment published',
      'chicago footnote for that',
    ]);
    expect(cited[1]).toEqual(['source.ata', 'source']);
    const bibtex = await turns('source-bibtex', ['who is 1787', 'bibtex for the 1787 page']);
    expect(bibtex[1]).toEqual(['source.1787', 'source']);
    // Asked when, not for a reference: the source's own answer says when.
    const when = await turns('source-when', ['who published the ata', 'when did it come out']);
    expect(when[1]).toEqual(['source.ata', null]);
  });
});

describe('later turns: words two linked topics share', () => {
  it("read them as the conversation's topic, through an off-topic turn, and switch when the other is plain", async () => {
    const threat = await turns('linked-threat', [
      'human trafficking threat?',
      "what's 1787 say to do about that",
      'is the sinaloa cartel the biggest one?',
      'ok. source for the trafficking bit',
    ]);
    expect(threat[3]).toEqual(['threat.trafficking', 'source']);
    const solution = await turns('linked-solution', [
      'the trafficking solution',
      'source for the trafficking bit',
    ]);
    expect(solution[1]).toEqual(['solution.trafficking', 'source']);
    const switched = await turns('linked-switch', [
      'human trafficking threat?',
      'source for the trafficking solution',
    ]);
    expect(switched[1]).toEqual(['solution.trafficking', 'source']);
  });
});

describe('later turns: memory that fades on the clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps the topic through an off-topic turn and a short pause, and forgets it after a long one (fake timers)', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-08T01:00:00Z') });
    // Built under the fake clock: the assistant and its store read Date.now as it is now.
    const bot = assistant();
    const chat = new TestConversation(bot, 'clock');
    expect((await chat.say('what does the ata say about ransomware')).intent).toBe('threat.ransomware');
    expect((await chat.say('best pizza in town')).kind).toBe('decline');
    vi.advanceTimersByTime(60_000);
    expect(await chat.say('tl;dr?')).toMatchObject({ intent: 'threat.ransomware', followUp: 'short' });
    // Two declines and five idle minutes: too faint to lean on.
    await chat.say('best pizza in town');
    await chat.say('what is the capital of peru');
    vi.advanceTimersByTime(5 * 60_000);
    expect((await chat.say('tl;dr?')).kind).toBe('clarify');
  });
});

describe('later turns: a question that points back', () => {
  it("reads 'what replaced it' as about the conversation's topic, but not 'can you send it to my boss'", async () => {
    const merida = await turns('refers-merida', ['merida initiative funding?', 'what replaced it']);
    expect(merida[1]?.[0]).toBe('solution.mexico');
    const list = await turns('refers-list', ['1787 solutions list', 'who are they']);
    expect(list[1]).toEqual(['solution.overview', null]);
    // Words the conversation's topic never uses: about something else, pronoun or not.
    const send = await turns('refers-send', ['ransomware threat', 'can you send it to my boss']);
    expect(send[1]?.[0]).toBe('fallback');
  });
});

describe('later turns: a form of the answer asked anywhere in the question', () => {
  it('reads "tl;dr of X", "the gist of X" and "X, bottom line" as the short view of X, after an off-topic turn too', async () => {
    const cases: [string, string, string][] = [
      [
        'human trafficking - what is the threat',
        'ok — tl;dr of the trafficking threat?',
        'threat.trafficking',
      ],
      ['what does 1787 say about ILEA', 'tldr of the ILEA solution', 'solution.ilea'],
      ['ransomware warning', 'bottom line on the ransomware threat?', 'threat.ransomware'],
    ];
    for (const [first, later, intent] of cases) {
      const got = await turns(`form-${later}`, [first, 'book me a flight to miami', later]);
      expect(got[2], later).toEqual([intent, 'short']);
    }
  });
});

describe('later turns: another source named after a source', () => {
  it("reads the report named after 1787's page as that report, and a source named after a threat as the threat's", async () => {
    const report = await turns('source-switch', ['who is 1787', 'and the threat report they quote?']);
    expect(report[1]?.[0]).toBe('source.ata');
    const threat = await turns('source-of-threat', ['ransomware threat', 'source?']);
    expect(threat[1]).toEqual(['threat.ransomware', 'source']);
  });
});

describe('later turns: a follow-up asked by a bare noun of its own', () => {
  it('reads "— solutions?" as the follow-up after a decline, and not a clause of an out-of-scope question', async () => {
    const got = await turns('bare-solutions', [
      'transnational crime threat overview pls',
      'what does the ATA say about china',
      'back to TCOs — solutions?',
    ]);
    expect(got[1]?.[0]).toBe('fallback');
    expect(got[2]?.[1]).toBe('solutions');
    expect(['threat.overview', 'solution.overview']).toContain(got[2]?.[0]);
    const [word] = await turns('bare-oos', ['my word doc says the file is corrupted, how do i fix it']);
    expect(word?.[0]).toBe('fallback');
  });
});

describe('later turns: the report itself, named after a threat', () => {
  it('answers the report when the question names it apart from asking for a source', async () => {
    const read = await turns('report-itself', [
      'what did the ATA say about ransomware',
      'what did the 2023 assessment say about it',
      'ok, for the 2024 one — where can i read it',
    ]);
    expect(read[1]?.[0]).toBe('fallback');
    expect(read[2]?.[0]).toBe('source.ata');
    // Named only by asking for a source: the conversation's topic's sources.
    const part = await turns('report-part', [
      'whats the overall tco threat',
      'and what does 1787 propose?',
      'source for the threat part',
    ]);
    expect(part[2]).toEqual(['threat.overview', 'source']);
    // Who proposes, not the document: 1787's fixes for the threat.
    const fix = await turns('report-fix', ['fentanyl & meth trafficking in the ATA', "what's 1787's fix"]);
    expect(fix[1]).toEqual(['threat.drugs', 'solutions']);
  });
});

describe('later turns: an off-topic question with a follow-up word in it', () => {
  it('declines what asks a follow-up of something out of scope, and the conversation goes on after', async () => {
    const got = await turns('off-topic-history', [
      'fraud against govt programs by tcos?',
      'btw any good book on the history of the mafia',
      'source?',
    ]);
    expect(got[1]?.[0]).toBe('fallback');
    expect(got[2]).toEqual(['threat.fraud', 'source']);
  });
});

describe("later turns: another organization's own proposal", () => {
  it("declines the UN's own proposal after a solution, as the other-organizations limit", async () => {
    const got = await turns('un-proposal', [
      "treaties for combating crime — 1787's idea?",
      'what problem does that solve?',
      "whats the UN's own proposal on this",
      'source?',
    ]);
    expect(got[2]?.[0]).toBe('fallback');
    expect(got[3]).toEqual(['solution.treaties', 'source']);
  });
});

describe('later turns: what the act head learns from the follow-up phrases', () => {
  it('reads doing something about a problem as its fix, trimming as the short view, the website as the source', async () => {
    const fix = await turns('problem-fix', [
      'ata fraud warning',
      'how do i report credit card fraud on my visa',
      'what should we do about the laundering problem?',
    ]);
    expect(fix[1]?.[0]).toBe('fallback');
    expect(fix[2]?.[1]).toBe('solutions');
    const supposed = await turns('supposed', [
      'whats the sex trafficking / forced labor line in the ATA',
      'what are we supposed to do about that',
    ]);
    expect(supposed[1]).toEqual(['threat.trafficking', 'solutions']);
    const trim = await turns('trim', ["treaties and legal cooperation — 1787's position?", 'trim it down']);
    expect(trim[1]).toEqual(['solution.treaties', 'short']);
    const site = await turns('website', ['who is 1787 anyway', 'whats their website']);
    expect(site[1]?.[0]).toBe('source.1787');
    expect(site[1]?.[1]).not.toBe('short');
  });
});

describe('later turns: a clause that points at the topic the question names', () => {
  it('answers a topic new to the conversation, asked "what\'s that about", as its own answer', async () => {
    const got = await turns('points-within', [
      'penalties against networks - what does 1787 say',
      'more',
      "ok, and ILEA, what's that about",
      'tell me more',
    ]);
    expect(got[1]).toEqual(['solution.penalties', 'more']);
    expect(got[2]).toEqual(['solution.ilea', null]);
    expect(got[3]).toEqual(['solution.ilea', 'more']);
  });
});

describe("later turns: after the bot's own help", () => {
  it('reads a follow-up naming nothing, with no topic before, as about the bot; the next turn forgets it', async () => {
    const got = await turns('after-help', [
      'who built this bot?',
      "and what's it drawing on",
      'what does the ata say about fentanyl',
      'source?',
    ]);
    expect(got[1]?.[0]).toBe('bot.help');
    expect(got[3]).toEqual(['threat.drugs', 'source']);
    // With nothing before, the same words ask "about what?".
    const [fresh] = await turns('no-help', ["and what's it drawing on"]);
    expect(fresh?.[0]).toBe('fallback');
  });
});

describe('later turns: an interjection before the question', () => {
  it('reads "ugh ok." as no word of the question: what to do about the topic is its fix', async () => {
    const got = await turns('interjection', [
      'human trafficking threat per the ata',
      'ok and whats the weather',
      'ugh ok. what are we supposed to do about trafficking?',
    ]);
    expect(got[1]?.[0]).toBe('fallback');
    expect(got[2]).toEqual(['threat.trafficking', 'solutions']);
  });
});
