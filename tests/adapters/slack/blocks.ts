// Reading Block Kit messages the way a person in Slack would see them.

/** Every text in a message's blocks, joined: what a reader sees. */
export function blockText(blocks: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') out.push(value);
        else walk(value);
      }
    }
  };
  walk(blocks);
  return out.join('\n');
}

/** The buttons in a message's blocks. */
export function buttons(
  blocks: unknown,
): Array<{ action_id: string; value: string; text: { text: string } }> {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((b: { type?: string; elements?: unknown[] }) =>
    b.type === 'actions'
      ? ((b.elements ?? []) as Array<{ action_id: string; value: string; text: { text: string } }>)
      : [],
  );
}

/** The header of a message: the topic of its answer. */
export function headerOf(blocks: unknown): string {
  const first = Array.isArray(blocks)
    ? (blocks[0] as { type?: string; text?: { text?: string } } | undefined)
    : undefined;
  return first?.type === 'header' ? (first.text?.text ?? '') : '';
}
