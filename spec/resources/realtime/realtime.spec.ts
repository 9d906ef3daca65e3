import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { mockedClient } from '../../support/client.js';

const offer = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';

describe('realtime', () => {
  it('makes ek_ client secrets with the session they configure', async () => {
    const { client } = mockedClient();
    const secret = await client.realtime.clientSecrets.create({ session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Be brief.' }, expires_after: { anchor: 'created_at', seconds: 120 } });
    assert.match(secret.value, /^ek_/);
    assert.equal(secret.session.type, 'realtime');
    assert.equal(secret.session.type === 'realtime' && secret.session.instructions, 'Be brief.');
    assert.equal(secret.session.expires_at, secret.expires_at);
    const transcription = await client.realtime.clientSecrets.create({ session: { type: 'transcription' } });
    assert.equal(transcription.session.object, 'realtime.transcription_session');
    const translation = await client.realtime.translations.clientSecrets.create({ session: { model: 'gpt-realtime-translate' } });
    assert.match(translation.value, /^ek_/);
    assert.equal(translation.session.model, 'gpt-realtime-translate');
    await assert.rejects(client.realtime.clientSecrets.create({ expires_after: { anchor: 'created_at', seconds: 1 } }), OpenAI.BadRequestError);
    const legacy = await client.beta.realtime.sessions.create({ model: 'gpt-4o-realtime-preview', voice: 'verse' });
    assert.match(legacy.client_secret.value, /^ek_/);
    assert.equal(legacy.voice, 'verse');
  });

  it('answers a call offer with SDP, and call controls with an empty 200', async () => {
    const { client } = mockedClient();
    const answer = await client.realtime.calls.create({ sdp: offer });
    assert.equal(answer.headers.get('content-type'), 'application/sdp');
    assert.match(answer.headers.get('location') ?? '', /^\/v1\/realtime\/calls\/rtc_/);
    assert.match(await answer.text(), /^v=0\r\n[\s\S]*m=audio/);
    const id = (answer.headers.get('location') ?? '').split('/').pop() ?? '';
    await client.realtime.calls.refer(id, { target_uri: 'tel:+14155550123' });
    await client.realtime.calls.hangup(id);
  });
});
