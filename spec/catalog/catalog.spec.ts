import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { catalog } from '../../lib/catalog/catalog.js';
import { OpenAIMock } from '../../lib/index.js';
import { sdkRoutes } from '../../scripts/sdk-routes.js';

describe('the route catalog', () => {
  it('lists every request the installed SDK sends (run `npm run generate` after upgrading openai)', () => {
    const fromSdk = sdkRoutes().map((route) => `${route.name} ${route.method} ${route.path}`);
    const fromCatalog = catalog.map((entry) => `${entry.name} ${entry.method} ${entry.path}`);
    assert.deepEqual(fromCatalog, fromSdk);
  });

  it('gives the mock a route for each entry, where the client has the method', () => {
    const openaiMock = new OpenAIMock();
    const client = new OpenAI({ apiKey: 'sk-fake' });
    for (const entry of catalog) {
      const path = entry.name.split('.');
      const route = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], openaiMock);
      const method = path.reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], client);
      assert.equal(route, openaiMock.routes.get(entry.name), entry.name);
      assert.equal(typeof method, 'function', entry.name);
    }
  });
});
