import assert from 'node:assert/strict';
import OpenAI, { toFile } from 'openai';
import { mockedClient } from '../../support/client.js';

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
