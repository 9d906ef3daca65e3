import assert from 'node:assert/strict';
import { toFile } from 'openai';
import type { VideoEditParams } from 'openai/resources/videos';
import { lifecycle } from '../../lib/index.js';
import { RequestFields } from '../../lib/internal/request-fields.js';
import { mockedClient } from '../support/client.js';

describe('RequestFields', () => {
  it("nests the SDK's bracketed form names and parses their strings, as a transcription upload sends them", async () => {
    const { client, openaiMock } = mockedClient();
    await client.audio.transcriptions.create({
      file: await toFile(Buffer.from('RIFF'), 'talk.wav'),
      model: 'gpt-4o-transcribe',
      chunking_strategy: { type: 'server_vad', threshold: 0.5, silence_duration_ms: 300 },
      include: ['logprobs'],
      known_speaker_names: ['ann', 'bob'],
      stream: false,
    });
    const sent = openaiMock.audio.transcriptions.create.calls[0]?.body;
    assert.ok(sent instanceof FormData, 'the SDK sent a form');
    const fields = new RequestFields(sent);
    assert.deepEqual(fields.raw('chunking_strategy'), { type: 'server_vad', threshold: '0.5', silence_duration_ms: '300' });
    assert.equal(fields.number('chunking_strategy[threshold]'), 0.5);
    assert.equal(fields.string('chunking_strategy[type]'), 'server_vad');
    assert.deepEqual(fields.all('known_speaker_names'), ['ann', 'bob']);
    assert.deepEqual(fields.all('include'), ['logprobs']);
    assert.equal(fields.boolean('stream'), false);
    assert.equal((fields.file('file') as File | undefined)?.name, 'talk.wav');
    assert.equal(fields.string('file'), undefined, 'a file is not a string');
    assert.deepEqual(fields.all('timestamp_granularities'), []);
  });

  it('reads arrays of objects element by element, and a path the same in a form and in JSON', async () => {
    const { client, openaiMock } = mockedClient();
    lifecycle(openaiMock).videos.retrievesPerStep = 0;
    const video = await client.videos.create({ prompt: 'A cat' });
    // A field the SDK does not know is encoded like the others: `shots[][at]`, `shots[][camera][zoom]`, ...
    const body: VideoEditParams & { shots: unknown[] } = { prompt: 'Blue', video: { id: video.id }, shots: [{ at: 1, camera: { zoom: true } }, { at: 2 }] };
    await client.videos.edit(body);
    const sent = openaiMock.videos.edit.calls[0]?.body;
    assert.ok(sent instanceof FormData);
    assert.ok(sent.has('video[id]'), 'the SDK sends `video[id]`');
    const form = new RequestFields(sent);
    assert.deepEqual(form.raw('shots'), [{ at: '1', camera: { zoom: 'true' } }, { at: '2' }]);
    const json = new RequestFields(body);
    for (const fields of [form, json]) {
      assert.equal(fields.string('video[id]'), video.id);
      assert.equal(fields.string('prompt'), 'Blue');
      assert.equal(fields.raw('video[id][more]'), undefined);
      assert.equal(fields.raw('missing[id]'), undefined);
    }
    assert.equal(json.number('shots'), Number.NaN, 'a field that is not a number reads as NaN');
  });

  it('keeps every file of `files[]` and every value of a name sent more than once', async () => {
    const { client, openaiMock } = mockedClient();
    await client.skills.create({ files: [await toFile(Buffer.from('---\nname: s\ndescription: d\n---\n'), 's/SKILL.md'), await toFile(Buffer.from('x'), 's/a.txt')] });
    const sent = openaiMock.skills.create.calls[0]?.body;
    assert.ok(sent instanceof FormData);
    const files = new RequestFields(sent).all('files');
    assert.deepEqual(files.map((file) => (file instanceof File ? file.name : file)), ['s/SKILL.md', 's/a.txt']);

    const form = new FormData();
    form.append('include', 'a');
    form.append('include[]', 'b');
    form.append('include', 'c');
    form.append('n', 'many');
    form.append('flag', 'yes');
    const fields = new RequestFields(form);
    assert.deepEqual(fields.all('include'), ['a', 'b', 'c']);
    assert.equal(fields.number('n'), Number.NaN);
    assert.equal(fields.number('absent'), undefined);
    assert.equal(fields.boolean('flag'), undefined);
  });

  it('reads nothing from a body that is neither JSON nor a form, and never writes through `__proto__`', () => {
    for (const body of [undefined, 'v=0', ['a'], null]) {
      const fields = new RequestFields(body);
      assert.equal(fields.readable, false);
      assert.deepEqual(fields.all('a'), []);
    }
    const form = new FormData();
    form.append('__proto__[polluted]', 'yes');
    form.append('a[__proto__][polluted]', 'yes');
    const fields = new RequestFields(form);
    assert.equal(fields.readable, true);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.deepEqual(fields.values, {});
  });
});
