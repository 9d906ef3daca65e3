// The one way for a test to say that what its mock answers is off-spec on purpose (a hand-made error body, a
// deliberately broken partial): the conformance layer then skips those answers, counted with the reason.

/** An exemption: why, and for which routes (every route when none are named). */
export interface Exemption {
  readonly reason: string;
  readonly routes: readonly string[] | undefined;
}

const exemptions: Exemption[] = [];

/**
 * Skips the conformance check for the answers of the current test, with the reason why they are off-spec on
 * purpose. Call it inside the test (or its `beforeEach`). Name the routes (`'chat.completions.create'`) to keep
 * the others checked.
 *
 * @example
 * it('surfaces a malformed body as a client error', async () => {
 *   exemptFromConformance('the test answers a body that is not the API's, to see the client fail', ['chat.completions.create']);
 *   openaiMock.chat.completions.create.response = new Response('{"choices": 7}', { headers: { 'content-type': 'application/json' } });
 *   ...
 * });
 */
export function exemptFromConformance(reason: string, routes?: readonly string[]): void {
  if (reason.trim().length < 10) throw new Error('exemptFromConformance needs a reason that says why the answers are off-spec');
  exemptions.push({ reason, routes });
}

/** The exemption covering a route in the current test, if any. */
export function exemptionFor(route: string): Exemption | undefined {
  return exemptions.find((exemption) => exemption.routes === undefined || exemption.routes.includes(route));
}

/** Forgets the current test's exemptions (the root hooks call it before each test). */
export function clearExemptions(): void {
  exemptions.length = 0;
}
