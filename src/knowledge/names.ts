/**
 * The form in which a source's names are compared: "State OIG", "state-oig" and "the State OIG"
 * are one name; so are "U.S. Department of State" and "US Department of State". Kept free of zod:
 * `policybot cite` looks names up at start-up.
 */
export function sourceNameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’'.]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}
