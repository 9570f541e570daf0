import { describe, expect, it } from 'vitest';
import { escapeUserText } from '../../src/adapters/discord/escape.js';
import { visibleText } from '../../src/adapters/echo.js';
import { renderCitation, renderHelp } from '../../src/adapters/slack/command.js';
import { quoteUserWords } from '../../src/adapters/slack/mrkdwn.js';
import { assistant } from '../support/assistant.js';
import { blockText } from './slack/blocks.js';

// Whatever a person typed and is shown back: no bidi override, control or zero-width character
// survives on either platform, and Slack's help escapes its placeholders.
const HIDDEN = /[\p{Cc}\p{Cf}]/u;
/** Hidden characters, but for the zero-width space the escapes themselves put after an "@" to stop a ping. */
const hiddenIn = (shown: string) => HIDDEN.test(shown.replace(/@\u200B/g, '@').replace(/[\t\n\r]/g, ' '));
const TYPED = 'ransom\u202Eware\u2066 isolated\u2069 bell\u0007 esc\u001b[31m zero\u200bwidth\ufeff';

describe('echoes', () => {
  it('drops bidi overrides and isolates, controls and zero-width characters, and keeps an emoji sequence whole', () => {
    expect(visibleText(TYPED)).toBe('ransomware isolated bell esc[31m zerowidth');
    expect(visibleText('coder 👩‍💻 at work')).toBe('coder 👩‍💻 at work');
    expect(visibleText('a\tb\nc')).toBe('a\tb\nc');
  });

  it('Slack: shows the words without hidden characters, escaped once, with no ping', () => {
    const shown = quoteUserWords(`${TYPED} <b>&amp; @here`);
    expect(hiddenIn(shown)).toBe(false);
    expect(shown).toBe('ransomware isolated bell esc[31m zerowidth &lt;b&gt;&amp;amp; @\u200Bhere');
  });

  it('Discord: shows the words without hidden characters, every Markdown character escaped', () => {
    const shown = escapeUserText(`${TYPED} **bold** @everyone`);
    expect(hiddenIn(shown)).toBe(false);
    expect(shown).toContain('\\*\\*bold\\*\\*');
    expect(shown).toContain('@\u200Beveryone');
  });

  it('Slack help escapes "<question>" and "<topic>": they are not markup', () => {
    const bot = assistant();
    const text = blockText(renderHelp(bot.help(), '/policy').blocks);
    expect(text).toContain('/policy &lt;question&gt;');
    expect(text).toContain('cite &lt;topic&gt;');
    expect(text).not.toMatch(/<(question|topic)>/);
  });

  it('Slack "no topic called": the echo carries no hidden character', async () => {
    const bot = assistant();
    const typed = 'zzq\u202Eevil\u0007 \u2066x\u2069';
    const text = blockText(renderCitation(await bot.cite(typed), typed).blocks);
    expect(text).toContain('zzqevil x');
    expect(hiddenIn(text)).toBe(false);
  });
});
