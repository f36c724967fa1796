/**
 * The one error type for invalid configuration. Its message is a single sentence that names the
 * field, the value received and what is allowed; `main.ts` prints it without a stack trace.
 */
export class ConfigError extends Error {
  /** Every problem found, one sentence each (the message joins them). */
  public readonly problems: string[];

  constructor(problems: string | string[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.join(' '));
    this.name = 'ConfigError';
    this.problems = list;
  }
}
