import assert from 'node:assert/strict';
import type OpenAI from 'openai';
import { delay, eventStream, namedEvent, responseEvents, type StreamStep } from '../../lib/index.js';
import { mockedClient } from '../support/client.js';

// A stream without pauses is sent in one piece (all its events encoded into one chunk, so a 10,000-event stream
// costs one read); a delay() splits it where it stands. The SDK's reader must see the very same events either
// way: here each stream is read as sent, and again with a delay(0) between every two events (one chunk each).

const text = Array.from({ length: 100 }, (_, i) => `w${i % 10} `).join('');

/** The chunks a raw stream body arrives in. */
async function chunksOf(response: Response): Promise<number> {
  const reader = response.body?.getReader();
  assert.ok(reader);
  let chunks = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) chunks += 1;
  return chunks;
}

/** The steps with a zero pause between every two: each event its own chunk. */
const paced = (steps: readonly StreamStep[]): StreamStep[] => steps.flatMap((step, at) => (at === 0 ? [step] : [delay(0), step]));

describe('coalesced streams', () => {
  it('a chat stream of 100 pieces arrives in one chunk, and the SDK reads the same chunks as from one event a chunk', async () => {
    const { openaiMock, client } = mockedClient();
    openaiMock.chat.completions.create.response = { choices: [{ message: { content: text } }] };
    const raw = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Go' }], stream: true }).asResponse();
    assert.equal(await chunksOf(raw), 1);

    const read = async (): Promise<OpenAI.Chat.ChatCompletionChunk[]> => {
      const chunks: OpenAI.Chat.ChatCompletionChunk[] = [];
      for await (const chunk of await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Go' }], stream: true })) chunks.push(chunk);
      return chunks;
    };
    const coalesced = await read();
    assert.ok(coalesced.length > 100);
    assert.equal(coalesced.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), text);
    // The same chunks, sent one a piece.
    openaiMock.chat.completions.create.response = () => eventStream(paced([...coalesced, '[DONE]']));
    assert.deepEqual(await read(), coalesced);
  });

  it('a Responses stream arrives in one chunk, and the SDK sees the same events as from one event a chunk', async () => {
    const { openaiMock, client } = mockedClient();
    openaiMock.responses.create.response = { output_text: text };
    const raw = await client.responses.create({ model: 'gpt-4o', input: 'Go', stream: true }).asResponse();
    assert.equal(await chunksOf(raw), 1);

    const read = async (): Promise<OpenAI.Responses.ResponseStreamEvent[]> => {
      const events: OpenAI.Responses.ResponseStreamEvent[] = [];
      for await (const event of await client.responses.create({ model: 'gpt-4o', input: 'Go', stream: true })) events.push(event);
      return events;
    };
    const coalesced = await read();
    assert.equal(coalesced.filter((event) => event.type === 'response.output_text.delta').map((event) => (event.type === 'response.output_text.delta' ? event.delta : '')).join(''), text);
    openaiMock.responses.create.response = () => eventStream(paced(coalesced.map((event) => namedEvent(event.type, event))));
    assert.deepEqual(await read(), coalesced);
    // The stream helper accumulates the same final response either way.
    const final = await client.responses.stream({ model: 'gpt-4o', input: 'Go' }).finalResponse();
    assert.equal(final.output_text, text);
  });

  it('a delay() splits a stream where it stands: the events before it in one chunk, those after in another', async () => {
    const { openaiMock, client } = mockedClient();
    const events = responseEvents({ output_text: 'one two three four' }).map((event) => namedEvent(event.type, event));
    openaiMock.responses.create.response = () => eventStream([...events.slice(0, 4), delay(1), ...events.slice(4)]);
    const raw = await client.responses.create({ model: 'gpt-4o', input: 'Go', stream: true }).asResponse();
    assert.equal(await chunksOf(raw), 2);
    let deltas = '';
    for await (const event of await client.responses.create({ model: 'gpt-4o', input: 'Go', stream: true })) if (event.type === 'response.output_text.delta') deltas += event.delta;
    assert.equal(deltas, 'one two three four');
  });
});
