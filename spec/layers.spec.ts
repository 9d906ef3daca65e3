import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const lib = fileURLToPath(new URL('../lib/', import.meta.url));

/** The bottom layer: shared types and helpers, which import nothing of the layers built on them. */
const bottom = ['internal/', 'state/', 'catalog/', 'streaming/', 'tokens/', 'validation/', 'errors.ts'];
/** The behaviours, built on the bottom layer (beside them, `scripting/`: scripted replies, which runs follow). */
const behaviours = ['resources/', 'webhooks/'];
/** The engine and the user-facing entries, built on the behaviours. */
const engine = ['route.ts', 'router.ts', 'route-table.ts', 'mock.ts', 'mock-routes.ts', 'fetch.ts', 'call-record.ts', 'incoming-call.ts', 'index.ts', 'record/', 'server/', 'testing/'];
/** The route tree's leaves are routes: the generated tree (and its hand-written extension) names the `Route` type. */
const allowed = new Set(['catalog/route-tree.ts -> route.ts', 'catalog/beyond-sdk.ts -> route.ts']);

const within = (file: string, layer: readonly string[]): boolean => layer.some((part) => (part.endsWith('/') ? file.startsWith(part) : file === part));

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The imports (types included) from files of `layer` to files of `higher`, as `from -> to`, and how many files were read. */
function importsUp(layer: readonly string[], higher: readonly string[]): { edges: string[]; files: number } {
  const edges: string[] = [];
  let files = 0;
  for (const path of sources(lib)) {
    const file = relative(lib, path).split('\\').join('/');
    if (!within(file, layer)) continue;
    files += 1;
    for (const { fileName } of ts.preProcessFile(readFileSync(path, 'utf8'), true, true).importedFiles) {
      if (!fileName.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file), fileName)).replace(/\.js$/, '.ts');
      const edge = `${file} -> ${target}`;
      if (within(target, higher) && !within(target, layer) && !allowed.has(edge)) edges.push(edge);
    }
  }
  return { edges, files };
}

describe('lib/ layers', () => {
  it('has no import from the bottom layer back up to the behaviours or the engine', () => {
    const { edges, files } = importsUp(bottom, [...behaviours, 'scripting/', ...engine]);
    assert.ok(files > 20, `only ${files} files of the bottom layer found`);
    assert.deepEqual(edges, []);
  });

  it('has no import from a behaviour up to the engine', () => {
    const { edges, files } = importsUp(behaviours, engine);
    assert.ok(files > 50, `only ${files} behaviour files found`);
    assert.deepEqual(edges, []);
  });
});
