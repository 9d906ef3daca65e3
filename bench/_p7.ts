import { Session } from 'node:inspector/promises';
import fs from 'node:fs';
import OpenAI from 'openai';
import { OpenAIMock, createMockFetch } from '../lib/index.js';
const openaiMock = new OpenAIMock();
openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi!' } }] };
const client = new OpenAI({ apiKey: 'sk-bench', fetch: createMockFetch(openaiMock) });
const request = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello!' }] };
for (let i = 0; i < 3000; i++) { await client.chat.completions.create(request); if (i % 250 === 0) openaiMock.reset(), openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi!' } }] }; }
const session = new Session(); session.connect();
await session.post('Profiler.enable'); await session.post('Profiler.start');
for (let i = 0; i < 20000; i++) { await client.chat.completions.create(request); if (i % 250 === 0) openaiMock.reset(), openaiMock.chat.completions.create.response = { choices: [{ message: { content: 'Hi!' } }] }; }
const { profile } = await session.post('Profiler.stop');
fs.writeFileSync(`/tmp/p7.cpuprofile`, JSON.stringify(profile));
