import assert from 'node:assert/strict';
import { checkSocketEvent } from '../../support/conformance/check-answer.js';
import { liveServerEventSchemas } from '../../support/conformance/live-schemas.js';

// The conformance hook checks every Live event the suite makes the mock send against schemas made from the SDK's
// Live types (OpenAI's spec has none): these tests show the check reads the types and refuses what they refuse.
describe("Live events are checked against the SDK's Live types", () => {
  const check = (event: unknown): string[] => checkSocketEvent('/live/sessions', JSON.stringify(event)).violations.map((found) => `${found.field} ${found.message}`);

  it('has a schema for each member of the SDK\'s ServerEvent union', () => {
    const schemas = liveServerEventSchemas();
    for (const type of ['session.started', 'session.updated', 'session.output_audio.delta', 'session.input_transcript.delta', 'response.event', 'session.closed', 'error', 'info', 'transport.failed']) {
      assert.ok(schemas.has(type), type);
    }
    assert.equal(schemas.size, 28);
  });

  it('passes events the types allow', () => {
    assert.deepEqual(check({ type: 'session.output_transcript.delta', event_id: 'event_1', delta: 'Hi', start_ms: 0, end_ms: 400 }), []);
    assert.deepEqual(check({ type: 'error', event_id: 'event_2', error: { type: 'invalid_request_error', code: 'x', message: 'y', client_event_id: 'c' }, client_event_id: 'c' }), []);
    assert.deepEqual(check({ type: 'session.closed', event_id: 'e', reason: 'close_requested', usage: { seconds: 1.5 }, session: { id: 'sess_1', expires_at: 1, model: 'gpt-live-1', status: 'active', audio: { format: { type: 'audio/pcm', rate: 24000 }, output: { voice: 'marin' } }, delegation: null } }), []);
  });

  it('fails a wrong event: a missing field, a wrong kind, an unknown field, a wrong literal, an unknown type', () => {
    assert.deepEqual(check({ type: 'session.output_transcript.delta', event_id: 'e', delta: 'Hi', start_ms: 0 }), ['/end_ms is required and missing']);
    assert.equal(check({ type: 'session.output_transcript.delta', event_id: 'e', delta: 3, start_ms: 0, end_ms: 1 }).length, 1);
    assert.deepEqual(check({ type: 'session.input_audio.muted', event_id: 'e', sample_rate: 24000 }), ["/sample_rate is not a field of the SDK's Live types"]);
    assert.equal(check({ type: 'session.closed', event_id: 'e', reason: 'bored', usage: { seconds: 1 }, session: { id: 's', expires_at: 1, model: 'm', status: 'active' } }).length, 1);
    // An error with a null param, as the realtime events send it, is not the Live shape (param is a string or absent).
    assert.equal(check({ type: 'error', event_id: 'e', error: { type: 'invalid_request_error', code: 'x', message: 'y', param: null } }).length, 1);
    assert.match(check({ type: 'session.created', event_id: 'e' })[0] ?? '', /not the type of any event/);
  });
});
