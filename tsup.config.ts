// Builds the published package: ESM (`.js`) and CommonJS (`.cjs`) with their own declarations (`.d.ts`, `.d.cts`)
// for each public entry point. Dependencies and the `openai` peer stay external (tsup leaves them out of the
// bundle because package.json lists them); `mocha` is only referenced by the Mocha helper's types, and `vitest`
// is imported by the Vitest entry from the user's own install.
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'lib/index.ts',
    mocha: 'lib/testing/mocha.ts',
    'node-test': 'lib/testing/node-test.ts',
    vitest: 'lib/testing/matchers/vitest.ts',
    jest: 'lib/testing/matchers/jest.ts',
    server: 'lib/server/index.ts',
    cli: 'lib/server/cli.ts',
  },
  format: ['esm', 'cjs'],
  outDir: 'dist',
  dts: true,
  clean: true,
  sourcemap: false,
  splitting: true,
  treeshake: true,
  target: 'node22',
  platform: 'node',
  // Keep `node:` specifiers: `node:test` has no unprefixed form, so stripping the prefix would break it.
  removeNodeProtocol: false,
  external: ['openai', 'mocha', 'vitest', 'fetch-mock', 'ts-deepmerge', 'type-fest'],
  tsconfig: 'tsconfig.build.json',
});
