import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const entryPoints = ['../lib/index.ts', '../lib/testing/mocha.ts', '../lib/testing/node-test.ts', '../lib/testing/matchers/vitest.ts', '../lib/testing/matchers/jest.ts'].map((path) =>
  fileURLToPath(new URL(path, import.meta.url)),
);

describe('public API documentation', () => {
  it('gives every public export TSDoc with an @example', function () {
    this.timeout(60_000);
    const program = ts.createProgram(entryPoints, { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, skipLibCheck: true });
    const checker = program.getTypeChecker();
    const missing: string[] = [];
    for (const entry of entryPoints) {
      const source = program.getSourceFile(entry);
      const module = source && checker.getSymbolAtLocation(source);
      assert.ok(module, entry);
      for (const exported of checker.getExportsOfModule(module)) {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const tags = symbol.getJsDocTags(checker).map((tag) => tag.name);
        const documented = symbol.getDocumentationComment(checker).length > 0;
        if (!documented || !tags.includes('example')) missing.push(`${exported.name} (${documented ? 'no @example' : 'no TSDoc'})`);
      }
    }
    assert.deepEqual(missing, []);
  });
});
