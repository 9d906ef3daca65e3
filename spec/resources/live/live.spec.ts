import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { mockedClient } from '../../support/client.js';

const offer = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';

describe('live', () => {
  it('starts, forks and records live sessions', async () => {
    const { client } = mockedClient();
    const live = await client.live.create({ session: { model: 'gpt-realtime' } as never, transport: { type: 'webrtc', sdp: offer } });
    assert.match(live.session.id, /^sess_/);
    assert.match(live.transport.sdp, /^v=0/);
    const fork = await client.live.sessions.fork(live.session.id, { transport: { type: 'webrtc', sdp: offer } });
    assert.notEqual(fork.session.id, live.session.id);
    const recording = Buffer.from(await (await client.live.sessions.downloadRecording(live.session.id)).arrayBuffer());
    assert.equal(recording.subarray(0, 4).toString(), 'RIFF');
    await assert.rejects(client.live.sessions.downloadRecording('sess_missing'), OpenAI.NotFoundError);
  });
});
