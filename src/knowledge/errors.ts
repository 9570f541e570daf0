/** A knowledge-base mistake, located so that a curator can go straight to it. */
export class KnowledgeBaseError extends Error {
  constructor(readonly problems: readonly KnowledgeBaseProblem[]) {
    super(
      `The knowledge base has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'KnowledgeBaseError';
  }
}

export interface KnowledgeBaseProblem {
  /** The file, relative to the knowledge-base root (e.g. `content/topics/threat.drugs.yaml`). */
  readonly file: string;
  /** The field within the file, as a path (e.g. `quotes[0].text`); empty for the whole file. */
  readonly field: string;
  readonly message: string;
}

export function formatProblem(problem: KnowledgeBaseProblem): string {
  return problem.field
    ? `${problem.file}: ${problem.field}: ${problem.message}`
    : `${problem.file}: ${problem.message}`;
}
