/** What {@link Script.pick} chose for a call: the answer, and the `when` rule or the place in the sequence that gave it. */
export type ScriptPick<Input, Answer> =
  | { readonly answer: Answer; readonly rule: number; readonly predicate: (input: Input) => boolean; readonly sequence?: undefined }
  | { readonly answer: Answer; readonly sequence: number; readonly rule?: undefined };

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
  /** How many answers of the current sequence were taken. */
  #taken = 0;

  /** The answers of the sequence not used yet, next first. */
  get queued(): readonly Answer[] {
    return this.#queue;
  }

  /** Replaces the sequence: the next calls take these answers, one each, in order. */
  replaceQueue(answers: readonly Answer[]): void {
    this.#queue = [...answers];
    this.#taken = 0;
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

  /**
   * The answer the script gives this call (`{ answer }`, which may be `undefined`: the default), or nothing; with
   * what chose it: the `when` rule (its place among the rules, from 1, and its predicate) or the place of the answer
   * in the sequence (from 1, counted since the sequence was last set).
   */
  pick(input: Input): ScriptPick<Input, Answer> | undefined {
    const rules = this.#rules;
    for (let index = 0; index < rules.length; index += 1) {
      const rule = rules[index];
      if (rule?.predicate(input)) return { answer: rule.answer, rule: index + 1, predicate: rule.predicate };
    }
    if (this.#queue.length === 0) return undefined;
    this.#taken += 1;
    return { answer: this.#queue.shift() as Answer, sequence: this.#taken };
  }

  /** Forgets the sequence and the rules. */
  clear(): void {
    this.#queue = [];
    this.#rules = [];
    this.#taken = 0;
  }
}
