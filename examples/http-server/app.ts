// The app under test: a small web server of its own process, which summarises text with OpenAI. It knows
// nothing of the mock: like any app it reads OPENAI_BASE_URL and OPENAI_API_KEY from its environment.
import { createServer } from 'node:http';
import OpenAI from 'openai';

const openai = new OpenAI(); // OPENAI_BASE_URL and OPENAI_API_KEY from the environment

const server = createServer((request, response) => {
  const text = new URL(request.url ?? '/', 'http://app').searchParams.get('text') ?? '';
  openai.chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Summarise in one line.' }, { role: 'user', content: text }] })
    .then((completion) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ summary: completion.choices[0]?.message.content }));
    })
    .catch((error: unknown) => {
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`app listening on http://127.0.0.1:${address.port}\n`);
});
process.once('SIGTERM', () => server.close());
