/**
 * Text for Discord. Answers are written in a Markdown subset that Discord speaks (**bold**,
 * _italic_, [text](url), "- " bullets, "> " quotes), so they pass nearly as they are; what Discord
 * would read beyond that subset (headings, mentions, spoilers) is neutralised. What a user typed is
 * escaped whole, so echoing it can neither ping anyone nor break the formatting around it.
 */

import { visibleText } from '../echo.js';

const ZERO_WIDTH = '\u200b';

/** Mentions (@everyone, <@id>, <#id>, <@&id>, </cmd:id>) and timestamps shown as text, never resolved. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, `@${ZERO_WIDTH}$1`).replace(/<([@#/]|t:)/g, `<${ZERO_WIDTH}$1`);
}

/** The answers' Markdown subset for Discord: headings and subtext escaped, mentions neutralised. */
export function discordMarkdown(text: string): string {
  return neutraliseMentions(text)
    .split('\n')
    .map((line) =>
      line.replace(/^(\s*)(#{1,3}\s|-#\s)/, (_, indent: string, mark: string) => `${indent}\\${mark}`),
    )
    .join('\n')
    .replace(/\|\|/g, '|\u200b|');
}

/**
 * A user's words, inert: hidden characters (bidi overrides, controls, zero-width) removed, every
 * Markdown character escaped and mentions neutralised.
 */
export function escapeUserText(text: string): string {
  return neutraliseMentions(visibleText(text).replace(/[\\*_~`|>#[\]()<:-]/g, (c) => `\\${c}`))
    .replace(/\s+/g, ' ')
    .trim();
}

/** A code block for copy-ready text: nothing inside is formatted, and no fence inside can end it early. */
export function codeBlock(text: string): string {
  return `\`\`\`\n${text.replace(/```/g, `\`${ZERO_WIDTH}\`\``)}\n\`\`\``;
}
