// Scenario: a test records real traffic once and replays it offline from then on. `cassette(path)` gives a
// fetch: in replay mode (the default) it answers from the HAR file and never reaches the network; with
// OPENAI_RESPONSES_RECORD=1 it sends each request on and writes the file afresh. Here the "network" is the
// mock itself (`fetch: openaiMock.fetch`), so the example runs offline; in a project it is the API.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { OpenAIMock, cassette, reply } from '../lib/index.js';

/** The code under test: a one-line weather summary, streamed. */
async function summary(client: OpenAI): Promise<string> {
  const stream = client.chat.completions.stream({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Weather in Paris, one line.' }] });
  return (await stream.finalChatCompletion()).choices[0]?.message.content ?? '';
}

describe('record once, replay offline', () => {
  let dir: string;

  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cassettes-'));
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replays a recorded stream, with no key in the file and no request sent', async () => {
    const file = path.join(dir, 'weather.har');
    const api = new OpenAIMock();
    api.chat.completions.create.response = reply.text('Sunny, 21°C, light wind.');

    // Recording: what `OPENAI_RESPONSES_RECORD=1 npm test` does against the API.
    const recorder = cassette(file, { mode: 'record', fetch: api.fetch });
    const recorded = await summary(new OpenAI({ apiKey: 'sk-live-0123456789abcdefghij', fetch: recorder.fetch }));
    await recorder.written();

    // Every later run: offline, from the file.
    const replayed = await summary(new OpenAI({ apiKey: 'sk-replay', fetch: cassette(file).fetch }));

    assert.equal(replayed, recorded);
    assert.equal(replayed, 'Sunny, 21°C, light wind.');
    assert.equal(api.chat.completions.create.calls.length, 1, 'only the recording reached the "API"');
    const har = await readFile(file, 'utf8');
    assert.ok(!har.includes('sk-live-0123456789abcdefghij'));
    assert.match(har, /"_events"/);
  });
});
