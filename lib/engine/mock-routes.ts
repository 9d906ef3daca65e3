import { mockCatalog } from '../catalog/beyond-sdk.js';
import type { CatalogEntry } from '../catalog/entry.js';
import { Route } from './route.js';

const entriesByName = new Map<string, CatalogEntry>(mockCatalog.map((entry) => [entry.name, entry]));

/**
 * A mock's routes by client method name. Every route of the catalog is there, but a `Route` is made the first
 * time it is asked for (by name, through the route tree, or by a request): a mock per test costs only the
 * routes the test touches.
 */
export class MockRoutes implements ReadonlyMap<string, Route> {
  readonly #made = new Map<string, Route>();
  readonly #nodes = new Map<string, object>();

  constructor(private readonly make: (entry: CatalogEntry) => Route) {}

  get(name: string): Route | undefined {
    let route = this.#made.get(name);
    if (route === undefined) {
      const entry = entriesByName.get(name);
      if (entry === undefined) return undefined;
      route = this.make(entry);
      this.#made.set(name, route);
    }
    return route;
  }

  has(name: string): boolean {
    return entriesByName.has(name);
  }

  get size(): number {
    return entriesByName.size;
  }

  /** The routes made so far (the others are as new). */
  made(): IterableIterator<Route> {
    return this.#made.values();
  }

  *entries(): MapIterator<[string, Route]> {
    for (const name of entriesByName.keys()) yield [name, this.get(name) as Route];
  }

  keys(): MapIterator<string> {
    return entriesByName.keys();
  }

  *values(): MapIterator<Route> {
    for (const [, route] of this.entries()) yield route;
  }

  forEach(callback: (value: Route, key: string, map: ReadonlyMap<string, Route>) => void, thisArg?: unknown): void {
    for (const [name, route] of this.entries()) callback.call(thisArg, route, name, this);
  }

  [Symbol.iterator](): MapIterator<[string, Route]> {
    return this.entries();
  }

  /** @internal The route tree's node for a namespace (`'beta.threads'`) of this mock, made once. */
  node(prefix: string): object {
    let node = this.#nodes.get(prefix);
    if (node === undefined) {
      node = Object.create(namespacePrototype(prefix), { [routesOfNode]: { value: this } }) as object;
      this.#nodes.set(prefix, node);
    }
    return node;
  }
}

/** Where a tree node (or the mock) keeps its routes. */
export const routesOfNode = Symbol('routes');

const prototypes = new Map<string, object>();

function routesOf(node: object): MockRoutes {
  return Reflect.get(node, routesOfNode) as MockRoutes;
}

function namespacePrototype(prefix: string): object {
  let prototype = prototypes.get(prefix);
  if (prototype === undefined) {
    prototype = {};
    prototypes.set(prefix, prototype);
  }
  return prototype;
}

/**
 * Defines the route tree on `root` (the mock's prototype) once per process: getters that give each namespace
 * its node and each leaf its route, `openaiMock.chat.completions.create`, asked of the mock's {@link MockRoutes}.
 */
export function defineRouteTree(root: object): void {
  for (const entry of mockCatalog) {
    const parts = entry.name.split('.');
    let owner = root;
    for (let i = 0; i < parts.length; i++) {
      const key = parts[i] ?? '';
      const prefix = parts.slice(0, i + 1).join('.');
      const leaf = i === parts.length - 1;
      if (!Object.prototype.hasOwnProperty.call(owner, key)) {
        Object.defineProperty(owner, key, {
          configurable: true,
          enumerable: true,
          get(this: object) {
            return leaf ? routesOf(this).get(entry.name) : routesOf(this).node(prefix);
          },
        });
      }
      if (!leaf) owner = namespacePrototype(prefix);
    }
  }
}
