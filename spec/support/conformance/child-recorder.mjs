// Preloaded (NODE_OPTIONS --import) into every Node process the suite starts (the Vitest, Jest and node:test
// suites of examples/, built-package consumers): writes each answer a mock gives there, one JSON line each, to
// a file in OPENAI_RESPONSES_CONFORMANCE_RELAY, for the Mocha run to check after the test that started them.
// Plain JavaScript: it loads before any TypeScript loader, under any runner.
import diagnosticsChannel from 'node:diagnostics_channel';
import { appendFileSync } from 'node:fs';
import path from 'node:path';

const directory = process.env.OPENAI_RESPONSES_CONFORMANCE_RELAY;
const threadId = await import('node:worker_threads').then((threads) => threads.threadId);
const file = directory && path.join(directory, `${process.pid}-${threadId}.jsonl`);
const where = `${path.basename(process.argv[1] ?? 'node')} (process ${process.pid})`;

function write(message, body, streamed) {
  let requestBody;
  try {
    requestBody = JSON.parse(JSON.stringify(message.body ?? null));
  } catch {
    requestBody = null;
  }
  const { name, method, path: pattern } = message.route;
  appendFileSync(file, `${JSON.stringify({
    where,
    route: { name, method, path: pattern },
    body: requestBody,
    answer: { status: message.answer.status, headers: message.answer.headers, body },
    streamed,
  })}\n`);
}

async function readCopy(makeBody) {
  let stream;
  try {
    stream = makeBody();
  } catch {
    return undefined; // a streaming Response of the test's own: the client read it, once
  }
  const decoder = new TextDecoder();
  let text = '';
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // a stream cut on purpose: what came before the cut is checked
  }
  return text;
}

if (file) {
  diagnosticsChannel.subscribe('openai-responses:answer', (message) => {
    const { body } = message.answer;
    if (typeof body !== 'function') {
      write(message, body === null ? null : typeof body === 'string' ? body : new TextDecoder().decode(body), false);
      return;
    }
    // After the client took its copy (a stream the test built itself can be read only once).
    setTimeout(() => {
      readCopy(body).then((text) => write(message, text ?? null, true), () => {});
    }, 0);
  });
}
