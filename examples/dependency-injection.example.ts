// Scenario: an app wires its OpenAI client through a dependency-injection container (awilix). Production
// registers the real `fetch`; the test environment registers the mock's fetch in a scope per test, so the same
// service class, resolved from the container, answers from the mock: no module patching, no network.
import assert from 'node:assert/strict';
import { type AwilixContainer, InjectionMode, asClass, asFunction, asValue, createContainer } from 'awilix';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';

// ---- application code ------------------------------------------------------------------------------------
interface Cradle {
  fetch: typeof globalThis.fetch;
  openaiApiKey: string;
  openai: OpenAI;
  supportBot: SupportBot;
}

/** The service under test: it only knows the client it is given. */
class SupportBot {
  readonly #openai: OpenAI;

  constructor({ openai }: Pick<Cradle, 'openai'>) {
    this.#openai = openai;
  }

  async answer(question: string): Promise<string> {
    const completion = await this.#openai.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You answer customer questions briefly.' },
        { role: 'user', content: question },
      ],
    });
    return completion.choices[0]?.message.content ?? '';
  }
}

/** The app's container: the client is built from whatever `fetch` the environment registered. */
function createAppContainer(environment: 'production' | 'test'): AwilixContainer<Cradle> {
  const container = createContainer<Cradle>({ injectionMode: InjectionMode.PROXY, strict: true });
  container.register({
    openai: asFunction(({ fetch, openaiApiKey }: Cradle) => new OpenAI({ apiKey: openaiApiKey, fetch, maxRetries: 0 })).scoped(),
    supportBot: asClass(SupportBot).scoped(),
  });
  if (environment === 'production') {
    container.register({
      fetch: asValue(globalThis.fetch),
      openaiApiKey: asValue(process.env['OPENAI_API_KEY'] ?? ''),
    });
  }
  return container;
}

// ---- tests -----------------------------------------------------------------------------------------------
describe('a service resolved from a DI container, answered by the mock', () => {
  const container = createAppContainer('test');
  let openaiMock: OpenAIMock;
  let scope: AwilixContainer<Cradle>;

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    scope = container.createScope();
    scope.register({
      fetch: asValue(createMockFetch(openaiMock)),
      openaiApiKey: asValue('sk-fake'),
    });
  });

  afterEach(async () => {
    await scope.dispose();
  });

  it('answers from the mock', async () => {
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'You can reset it under Settings.' } }] };

    const bot = scope.resolve('supportBot');
    const reply = await bot.answer('How do I reset my password?');

    assert.equal(reply, 'You can reset it under Settings.');
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
    const body = openaiMock.chat.completions.create.calls[0]?.body as { messages: { role: string; content: string }[] };
    assert.deepEqual(body.messages.at(-1), { role: 'user', content: 'How do I reset my password?' });
  });

  it('gives each test scope its own mock: another scope sees none of this one\'s calls', async () => {
    const otherMock = new OpenAIMock();
    otherMock.chat.completions.create.response = { choices: [{ message: { content: 'From the other scope' } }] };
    const otherScope = container.createScope();
    otherScope.register({ fetch: asValue(createMockFetch(otherMock)), openaiApiKey: asValue('sk-fake') });

    assert.equal(await otherScope.resolve('supportBot').answer('Hello?'), 'From the other scope');
    assert.equal(await scope.resolve('supportBot').answer('Hello?'), '');
    assert.equal(otherMock.chat.completions.create.calls.length, 1);
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
    await otherScope.dispose();
  });

  it('surfaces an API error through the service', async () => {
    openaiMock.chat.completions.create.failures = { count: 1, status: 503 };

    await assert.rejects(scope.resolve('supportBot').answer('Anyone there?'), OpenAI.InternalServerError);
  });

  it('production registers the real fetch, so only tests use the mock', () => {
    const production = createAppContainer('production');

    assert.equal(production.resolve('fetch'), globalThis.fetch);
    assert.notEqual(scope.resolve('fetch'), globalThis.fetch);
  });
});
