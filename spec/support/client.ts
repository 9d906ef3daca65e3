import OpenAI from 'openai';
import { OpenAIMock, createMockFetch, type OpenAIMockOptions } from '../../lib/index.js';

/** A fresh mock and a real client talking to it, as a user's test would build them. */
export function mockedClient(options: OpenAIMockOptions = {}, clientOptions: { maxRetries?: number; timeout?: number } = {}): {
  openaiMock: OpenAIMock;
  client: OpenAI;
} {
  const openaiMock = new OpenAIMock(options);
  const client = new OpenAI({ apiKey: 'sk-fake', fetch: createMockFetch(openaiMock), ...clientOptions });
  return { openaiMock, client };
}
