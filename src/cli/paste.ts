/**
 * A paste of several lines is one question. In a terminal that supports it, bracketed paste mode
 * marks a paste (readline names the marks `paste-start` and `paste-end`); the lines typed between
 * them are joined into one, sent when the person presses Enter (or at once when the paste ended
 * with a newline, on the next Enter), as a chat box would.
 */
export class PasteJoiner {
  private pasting = false;
  private parts: string[] = [];

  /** A key readline read: only the paste marks matter. */
  key(name: string | undefined): void {
    if (name === 'paste-start') this.pasting = true;
    else if (name === 'paste-end') this.pasting = false;
  }

  /** A line readline read: the question to answer now, or undefined while a paste is still coming in. */
  line(text: string): string | undefined {
    if (this.pasting) {
      this.parts.push(text);
      return undefined;
    }
    if (this.parts.length === 0) return text;
    const joined = [...this.parts, text]
      .map((p) => p.trim())
      .filter((p) => p !== '')
      .join(' ');
    this.parts = [];
    return joined;
  }
}

/** Terminal codes that turn bracketed paste mode on and off. */
export const BRACKETED_PASTE = { on: '\u001b[?2004h', off: '\u001b[?2004l' } as const;
