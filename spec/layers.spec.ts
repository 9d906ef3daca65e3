import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const lib = fileURLToPath(new URL('../lib/', import.meta.url));

/** The bottom layer: shared types and helpers, which import nothing of the layers built on them. */
const bottom = ['internal/', 'state/', 'catalog/', 'streaming/', 'tokens/', 'validation/', 'errors/'];
/** The behaviours, built on the bottom layer (beside them, `scripting/`: scripted replies, which runs follow). */
const behaviours = ['resources/', 'webhooks/'];
/** The engine and the user-facing entries, built on the behaviours. */
const engine = ['engine/', 'index.ts', 'record/', 'report/', 'server/', 'testing/', 'websocket/'];
/** The route tree's leaves are routes: the generated tree (and its hand-written extension) names the `Route` type. */
const allowed = new Set(['catalog/route-tree.ts -> engine/route.ts', 'catalog/beyond-sdk.ts -> engine/route.ts']);

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

/** Every file of lib/ and the files of lib/ it imports (types included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of sources(lib)) {
    const file = relative(lib, path).split('\\').join('/');
    const targets = ts.preProcessFile(readFileSync(path, 'utf8'), true, true)
      .importedFiles.map(({ fileName }) => fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => posix.normalize(posix.join(posix.dirname(file), name)).replace(/\.js$/, '.ts'));
    graph.set(file, targets);
  }
  return graph;
}

/** The import circles of a graph: its strongly connected components of more than one file, or a file importing itself (Tarjan). */
function importCircles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (file: string): void => {
    order.set(file, order.size);
    low.set(file, order.get(file) ?? 0);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!order.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) low.set(file, Math.min(low.get(file) ?? 0, order.get(target) ?? 0));
    }
    if (low.get(file) !== order.get(file)) return;
    const circle: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      circle.push(member);
    } while (member !== file);
    if (circle.length > 1 || (graph.get(file) ?? []).includes(file)) circles.push(circle.sort());
  };
  for (const file of graph.keys()) if (!order.has(file)) visit(file);
  return circles;
}

describe('lib/ layers', () => {
  it('has no import circle anywhere in lib/ (type imports count: a circle of types is still a knot to read)', () => {
    const graph = importGraph();
    assert.ok(graph.size > 100, `only ${graph.size} files found`);
    assert.deepEqual(importCircles(graph), []);
  });

  it('finds a circle when there is one (the check itself)', () => {
    const graph = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    assert.deepEqual(importCircles(graph), [['a.ts', 'b.ts', 'c.ts']]);
  });

  it('keeps lib/ root to the entry point: the engine and every feature live in folders of their own', () => {
    const loose = readdirSync(lib, { withFileTypes: true }).filter((entry) => entry.isFile() && entry.name.endsWith('.ts')).map((entry) => entry.name);
    assert.deepEqual(loose, ['index.ts']);
  });

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
