import type { APIApplicationCommandOptionChoice, APIEmbed } from 'discord.js';

/** Discord's documented limits for what a bot sends. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  embedTotal: 6000,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  customId: 100,
  selectOptions: 25,
  selectLabel: 100,
  selectDescription: 100,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  attachments: 10,
  attachmentDescription: 1024,
} as const;

/** Cuts to at most `max` UTF-16 units with an ellipsis, never splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/**
 * Brings an embed within every limit: each part cut to its own cap, then, while the whole is over
 * 6000 characters, fields dropped from the end (the last are the least important) down to the
 * first one, then the footer shortened, then the description, and the first field last of all.
 */
export function fitEmbed(embed: APIEmbed, total: number = LIMITS.embedTotal): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = truncate(fitted.title, LIMITS.embedTitle);
  if (fitted.description !== undefined)
    fitted.description = truncate(fitted.description, LIMITS.embedDescription);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, LIMITS.footer) };
  if (fitted.fields) {
    fitted.fields = fitted.fields.slice(0, LIMITS.embedFields).map((f) => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName) || '\u200b',
      value: truncate(f.value, LIMITS.fieldValue) || '\u200b',
    }));
    while (fitted.fields.length > 1 && embedLength(fitted) > total)
      fitted.fields = fitted.fields.slice(0, -1);
  }
  const over = (): number => embedLength(fitted) - total;
  if (over() > 0 && fitted.footer) {
    const room = fitted.footer.text.length - over();
    if (room > 1) fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, room) };
    else delete fitted.footer;
  }
  if (over() > 0 && fitted.description !== undefined) {
    fitted.description = truncate(fitted.description, Math.max(1, fitted.description.length - over()));
  }
  if (over() > 0) delete fitted.fields;
  return fitted;
}

/** Autocomplete choices within the limits: at most 25, names 1-100 characters, values at most 100. */
export function fitChoices(
  choices: readonly APIApplicationCommandOptionChoice<string>[],
): APIApplicationCommandOptionChoice<string>[] {
  return choices
    .filter((c) => c.value.length > 0 && c.value.length <= LIMITS.choiceValue)
    .slice(0, LIMITS.choices)
    .map((c) => ({
      name: truncate(c.name, LIMITS.choiceName) || c.value.slice(0, LIMITS.choiceName),
      value: c.value,
    }));
}
