import assert from 'node:assert/strict';
import { RouteTable } from '../../lib/engine/route-table.js';

// Paths in an order that teaches the table shapes first, then asks for paths a shape must not answer wrongly:
// a literal in a parameter's place, a required query, escapes, dot segments, doubled slashes.
const paths: [method: string, path: string][] = [
  ['POST', '/threads/thr_a'],
  ['POST', '/threads/runs'],
  ['POST', '/threads/thr_b'],
  ['GET', '/threads/thr_a/runs/run_1'],
  ['GET', '/threads/thr_b/runs/run_2/steps'],
  ['GET', '/threads/thr_c/runs/run_3/steps/step_1'],
  ['GET', '/responses/resp_a?beta=true'],
  ['GET', '/responses/resp_b'],
  ['GET', '/responses/resp_c?beta=true&include[]=x'],
  ['POST', '/responses/compact?beta=true'],
  ['POST', '/responses/resp_d/cancel'],
  ['POST', '/responses/compact'],
  ['GET', '/files/file-a'],
  ['GET', '/files/a%20b'],
  ['GET', '/files/..'],
  ['GET', '/files/.'],
  ['GET', '/files//file-b'],
  ['GET', '/files/file-c/content'],
  ['DELETE', '/vector_stores/vs_1/files/file-d'],
  ['GET', '/vector_stores/vs_2/file_batches/vsfb_1/files'],
  ['POST', '/chat/completions/chatcmpl-1'],
  ['GET', '/chat/completions/chatcmpl-2/messages'],
  ['GET', '/fine_tuning/jobs/ftjob-1/checkpoints'],
];

describe('the route table (lib/engine/route-table.ts)', () => {
  it('answers every path as fetch-mock alone does, after shapes are learned from the paths before it', async () => {
    const learning = new RouteTable();
    for (const [method, path] of paths) {
      const alone = await new RouteTable().match(method, path);
      const learned = await learning.match(method, path);
      assert.deepEqual(learned, alone, `${method} ${path}`);
    }
  });

  it('gives a new id of a learned shape its own parameters', async () => {
    const table = new RouteTable();
    await table.match('GET', '/threads/thr_1/messages/msg_1');
    assert.deepEqual(await table.match('GET', '/threads/thr_2/messages/msg_2'), { name: 'beta.threads.messages.retrieve', rawParams: { thread_id: 'thr_2', message_id: 'msg_2' } });
  });
});
