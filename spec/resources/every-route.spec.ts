import assert from 'node:assert/strict';
import { catalog } from '../../lib/catalog/catalog.js';
import { mockCatalog } from '../../lib/catalog/beyond-sdk.js';
import { behaviours } from '../../lib/resources/index.js';
import { OpenAIMock, createMockFetch } from '../../lib/index.js';
import { exemptFromConformance } from '../support/conformance/exemptions.js';

/**
 * Admin routes are the SDK's own `admin.*` group (the organization and project administration API, sent with an
 * admin key): they answer only what a test sets. Every other route has a default answer.
 */
const isAdmin = (name: string): boolean => name.startsWith('admin.');

describe('every non-admin route', () => {
  const routes = catalog.filter((entry) => !isAdmin(entry.name));

  it('has a default behaviour', () => {
    assert.deepEqual(routes.filter((entry) => !(entry.name in behaviours)).map((entry) => entry.name), []);
  });

  it('answers without configuration: never 501, never a crash', async function () {
    exemptFromConformance('the walk sends placeholder ids and empty bodies: the answers are 404s and 400s, checked here for their status only');
    const openaiMock = new OpenAIMock();
    const fetch = createMockFetch(openaiMock);
    const unanswered: string[] = [];
    for (const entry of routes) {
      const path = entry.path.replace(/:(\w+)/g, (_, name: string) => `placeholder_${name}`);
      const init: RequestInit = { method: entry.method, headers: { authorization: 'Bearer sk-fake', 'content-type': 'application/json' } };
      if (entry.method === 'POST') init.body = '{}';
      const answer = await fetch(`https://api.openai.com/v1${path}`, init);
      await answer.arrayBuffer();
      if (answer.status === 501 || answer.status >= 500) unanswered.push(`${entry.name}: ${answer.status}`);
    }
    assert.deepEqual(unanswered, []);
  });

  it('routes each request to its own route', async () => {
    exemptFromConformance('the walk sends placeholder ids and empty bodies: only which route answered is checked');
    const openaiMock = new OpenAIMock();
    const fetch = createMockFetch(openaiMock);
    const seen = new Set<string>();
    const misrouted: string[] = [];
    for (const entry of catalog) {
      // Two client methods can send the same request (permissions.retrieve and .list): the first one answers.
      const request = `${entry.method} ${entry.path}`;
      if (seen.has(request)) continue;
      seen.add(request);
      const path = entry.path.replace(/:(\w+)/g, (_, name: string) => `placeholder_${name}`);
      const init: RequestInit = { method: entry.method, headers: { authorization: 'Bearer sk-fake', 'content-type': 'application/json' } };
      if (entry.method === 'POST') init.body = '{}';
      await (await fetch(`https://api.openai.com/v1${path}`, init)).arrayBuffer();
      const route = entry.name.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], openaiMock) as { calls: unknown[] };
      if (route.calls.length !== 1) misrouted.push(entry.name);
    }
    assert.deepEqual(misrouted, []);
  });
});

describe('the behaviour registry', () => {
  it("holds only the names of the mock's routes (a behaviour under a misspelt name would answer nothing)", () => {
    const names = new Set(mockCatalog.map((entry) => entry.name));
    assert.deepEqual(Object.keys(behaviours).filter((name) => !names.has(name)), []);
  });
});
