/**
 * The one error type of the cost model. Its message is a single sentence that names the field or
 * resource, the value received and what is allowed; `scripts/cost.ts` prints it without a stack trace.
 */
export class CostModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CostModelError';
  }
}
