import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { mockedClient } from '../../support/client.js';

const offer = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';

describe('realtime and live', () => {
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

describe('chatkit', () => {
  it('makes sessions with a client secret and cancels them', async () => {
    const { client } = mockedClient();
    const session = await client.beta.chatkit.sessions.create({ user: 'user_1', workflow: { id: 'wf_123' } });
    assert.match(session.id, /^cksess_/);
    assert.match(session.client_secret, /^ek_/);
    assert.deepEqual([session.object, session.status, session.workflow.id], ['chatkit.session', 'active', 'wf_123']);
    assert.equal((await client.beta.chatkit.sessions.cancel(session.id)).status, 'cancelled');
    await assert.rejects(client.beta.chatkit.sessions.cancel('cksess_missing'), OpenAI.NotFoundError);
  });

  it('lists, reads and deletes the threads the state holds, with their items', async () => {
    const { client, openaiMock } = mockedClient();
    const threads = openaiMock.state.beta.chatkit.threads;
    for (const [id, user] of [['cthr_1', 'ann'], ['cthr_2', 'bob']] as const) {
      threads.put({ id, object: 'chatkit.thread', created_at: 1, status: { type: 'active' }, title: null, user });
    }
    threads.items.of('cthr_1').put({ id: 'cthi_1', object: 'chatkit.thread_item', created_at: 1, thread_id: 'cthr_1', type: 'chatkit.widget', widget: '{}' });
    assert.deepEqual((await client.beta.chatkit.threads.list({ user: 'bob' })).data.map((t) => t.id), ['cthr_2']);
    assert.deepEqual((await client.beta.chatkit.threads.listItems('cthr_1')).data.map((i) => i.id), ['cthi_1']);
    assert.equal((await client.beta.chatkit.threads.retrieve('cthr_1')).user, 'ann');
    assert.deepEqual(await client.beta.chatkit.threads.delete('cthr_1'), { id: 'cthr_1', object: 'chatkit.thread.deleted', deleted: true });
    await assert.rejects(client.beta.chatkit.threads.retrieve('cthr_1'), OpenAI.NotFoundError);
  });
});

describe('webhook endpoints', () => {
  it('shows the signing secret once, rotates it, tests and lists endpoints', async () => {
    const { client } = mockedClient();
    const endpoint = await client.webhooks.create({ name: 'jobs', url: 'https://example.com/hooks', event_types: ['batch.completed', 'fine_tuning.job.succeeded'] });
    assert.match(endpoint.signing_secret, /^whsec_/);
    assert.equal(endpoint.signing_secret_hint, `whsec_...${endpoint.signing_secret.slice(-4)}`);
    const read = await client.webhooks.retrieve(endpoint.id);
    assert.equal('signing_secret' in read, false);
    const rotated = await client.webhooks.rotateSecret(endpoint.id);
    assert.notEqual(rotated.signing_secret, endpoint.signing_secret);
    const updated = await client.webhooks.update(endpoint.id, { event_types: ['video.completed'] });
    assert.deepEqual(updated.event_types, ['video.completed']);
    const test = await client.webhooks.test(endpoint.id, { event_type: 'video.completed' });
    assert.deepEqual([test.object, test.success, test.webhook_endpoint_id], ['webhook_endpoint.test', true, endpoint.id]);
    assert.ok((await client.webhooks.eventTypes.list()).data.includes('response.completed'));
    assert.deepEqual((await client.webhooks.list()).data.map((e) => e.id), [endpoint.id]);
    await assert.rejects(client.webhooks.create({ name: 'x', url: 'http://insecure', event_types: ['batch.completed'] }), OpenAI.BadRequestError);
    assert.equal((await client.webhooks.delete(endpoint.id)).deleted, true);
    await assert.rejects(client.webhooks.retrieve(endpoint.id), OpenAI.NotFoundError);
  });
});

describe('decisions, content provenance checks, safety', () => {
  it('answers every question of a decision, with usage', async () => {
    const { client } = mockedClient();
    const decision = await client.decisions.create({
      model: 'gpt-5.4-mini',
      input: 'I want my money back',
      questions: [
        { type: 'predicate', name: 'refund', instructions: 'Does the user ask for a refund?' },
        { type: 'choice', name: 'tone', instructions: 'Tone?', choices: [{ value: 'angry' }, { value: 'calm' }] },
        { type: 'score', name: 'urgency', instructions: 'Urgency?', levels: [{ label: 'low' }, { label: 'mid' }, { label: 'high' }] },
      ],
    });
    assert.deepEqual(decision.answers.map((a) => [a.type, a.name]), [['predicate', 'refund'], ['choice', 'tone'], ['score', 'urgency']]);
    assert.ok(decision.usage.total_tokens > 0);
  });

  it('checks provenance, and finds the safety cases and alerts the state holds', async () => {
    const { client, openaiMock } = mockedClient();
    const check = await client.contentProvenanceChecks.create({ file: await toFile(Buffer.from('png'), 'cat.png') });
    assert.deepEqual(check.results.map((r) => [r.type, r.outcome]), [['c2pa', 'not_detected'], ['synthid', 'not_detected']]);
    openaiMock.state.safety.cases.put({ id: 'case_1', object: 'safety.case', created_at: 1, entity_identifier: 'user_1', notice: { type: 'warning' }, reason: null });
    assert.equal((await client.safety.cases.retrieve('case_1')).notice.type, 'warning');
    await assert.rejects(client.safety.alerts.retrieve('alert_missing'), OpenAI.NotFoundError);
  });
});
