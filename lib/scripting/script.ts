/**
 * What a route's script chooses among: answers in a sequence, taken one per call (`once`, `responses = [...]`),
 * and answers by predicate on the request (`when`). A route asks its script first; when the script has nothing
 * for a call, the route answers its `response` (or its default) as before.
 *
 * The order for one call: the first `when` rule (in the order they were added) whose predicate holds answers it;
 * else the next answer of the sequence, which it uses up; else nothing (the route's `response`).
 */
export class Script<Input, Answer> {
  #queue: Answer[] = [];
  #rules: { predicate: (input: Input) => boolean; answer: Answer }[] = [];

  /** The answers of the sequence not used yet, next first. */
  get queued(): readonly Answer[] {
    return this.#queue;
  }

  /** Replaces the sequence: the next calls take these answers, one each, in order. */
  replaceQueue(answers: readonly Answer[]): void {
    this.#queue = [...answers];
  }

  /** Adds an answer at the end of the sequence. */
  enqueue(answer: Answer): void {
    this.#queue.push(answer);
  }

  /** Adds a rule: calls whose request makes `predicate` true get `answer` (every one of them, unused up). */
  addRule(predicate: (input: Input) => boolean, answer: Answer): void {
    this.#rules.push({ predicate, answer });
  }

  /** Whether there is neither a sequence nor a rule: `pick` would give nothing. */
  get isEmpty(): boolean {
    return this.#queue.length === 0 && this.#rules.length === 0;
  }

  /** The answer the script gives this call (`{ answer }`, which may be `undefined`: the default), or nothing. */

  pick(input: Input): { answer: Answer } | undefined {
    for (const rule of this.#rules) if (rule.predicate(input)) return { answer: rule.answer };
    if (this.#queue.length === 0) return undefined;
    return { answer: this.#queue.shift() as Answer };
  }

  /** Forgets the sequence and the rules. */
  clear(): void {
    this.#queue = [];
    this.#rules = [];
  }
}
