// Scenario: code written for the real API, run against a mock with nothing scripted. The app asks for structured
// output (the SDK's zod parse() helpers, on chat and on the Responses API) and runs an Agents SDK agent whose
// outputType is a zod schema; the mock answers each with the smallest JSON the schema accepts, so every call
// parses and the agent finishes in one turn. The test asserts the flow, and scripts only what it cares about.
import assert from 'node:assert/strict';
import { Agent, getGlobalTraceProvider, run, setDefaultOpenAIKey, setTracingExportApiKey } from '@openai/agents';
import OpenAI from 'openai';
import { zodResponseFormat, zodTextFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { OpenAIMock, createMockFetch, patchGlobalFetch, responseOutput } from '../lib/index.js';

const Event = z.object({
  name: z.string(),
  date: z.string().date(),
  attendees: z.array(z.string()).min(1),
  kind: z.enum(['meeting', 'party']),
  room: z.string().nullable(),
});

/** The app under test: extracts an event with chat, then files it with the Responses API. */
async function planEvent(client: OpenAI, text: string): Promise<{ name: string; attendees: number; ticket: string }> {
  const completion = await client.chat.completions.parse({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: text }],
    response_format: zodResponseFormat(Event, 'event'),
  });
  const event = completion.choices[0]?.message.parsed;
  if (!event) throw new Error('no event');
  const filed = await client.responses.parse({
    model: 'gpt-4.1',
    input: `File this event: ${JSON.stringify(event)}`,
    text: { format: zodTextFormat(z.object({ ticket: z.string().regex(/^EVT-\d{4}$/) }), 'ticket') },
  });
  return { name: event.name, attendees: event.attendees.length, ticket: filed.output_parsed?.ticket ?? '' };
}

describe('a program written for the API, with nothing scripted', () => {
  let openaiMock: OpenAIMock;
  let restore: (() => void) | undefined;

  before(() => {
    // The Agents SDK's default client is built once and reads these keys then.
    setDefaultOpenAIKey('sk-fake');
    setTracingExportApiKey('sk-fake');
  });

  beforeEach(() => {
    openaiMock = new OpenAIMock();
    restore = patchGlobalFetch(openaiMock);
  });

  afterEach(async () => {
    await getGlobalTraceProvider().forceFlush();
    restore?.();
  });

  it("runs the SDK's zod parse() helpers to completion: each schema's smallest instance", async () => {
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });

    const planned = await planEvent(client, 'Alice and Bob meet on Friday.');

    // One attendee (minItems 1), an empty name, a ticket matching its pattern.
    assert.deepEqual(planned, { name: '', attendees: 1, ticket: 'EVT-0000' });
    assert.equal(openaiMock.chat.completions.create.calls.length, 1);
    assert.equal(openaiMock.responses.create.calls.length, 1);
  });

  it('scripts only the answer the test asserts on; the rest still parses', async () => {
    const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock) });
    openaiMock.responses.create.response = { output: [responseOutput.text(JSON.stringify({ ticket: 'EVT-0042' }))] };

    const planned = await planEvent(client, 'Alice and Bob meet on Friday.');

    assert.equal(planned.ticket, 'EVT-0042');
  });

  it("runs an Agents SDK agent with a zod outputType to its final output with run()", async () => {
    const agent = new Agent({ name: 'Planner', instructions: 'Extract the event.', model: 'gpt-4.1', outputType: Event });

    const result = await run(agent, 'Alice and Bob meet on Friday in room 4.');

    assert.deepEqual(result.finalOutput, { name: '', date: '1970-01-01', attendees: [''], kind: 'meeting', room: '' });
    assert.equal(openaiMock.responses.create.calls.length, 1, 'one turn: the first answer already fits the output type');
    assert.equal(openaiMock.responses.create.calls[0]?.body?.text?.format?.type, 'json_schema');
  });
});
