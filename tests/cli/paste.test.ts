import { describe, expect, it } from 'vitest';
import { PasteJoiner } from '../../src/cli/paste.js';

describe('a paste of several lines in the terminal chat', () => {
  it('is one question, sent with the Enter after it', () => {
    const paste = new PasteJoiner();
    paste.key('paste-start');
    expect(paste.line('For my memo on the border:')).toBeUndefined();
    expect(paste.line('what does 1787 say about')).toBeUndefined();
    paste.key('paste-end');
    expect(paste.line('ransomware gangs?')).toBe(
      'For my memo on the border: what does 1787 say about ransomware gangs?',
    );
    // Typed lines stay questions of their own.
    expect(paste.line('tell me more')).toBe('tell me more');
  });

  it('ending in a newline, is sent with the next Enter', () => {
    const paste = new PasteJoiner();
    paste.key('paste-start');
    paste.line('line one');
    paste.line('line two');
    paste.key('paste-end');
    expect(paste.line('')).toBe('line one line two');
  });

  it('ignores keys other than the paste marks', () => {
    const paste = new PasteJoiner();
    paste.key('return');
    paste.key(undefined);
    expect(paste.line('fentanyl?')).toBe('fentanyl?');
  });
});
