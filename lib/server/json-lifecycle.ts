import type { Lifecycle } from '../resources/lifecycle.js';
import { JsonFormError, objectAt, onlyKeys } from './json-form-error.js';

/**
 * What `PUT /__openai-responses/lifecycle` takes: some of the lifecycle settings (`lifecycle(openaiMock)` in
 * process), each a whole number, 0 or more. Settings left out keep their value.
 *
 * @example
 * const settings: LifecycleSettings = { batches: { retrievesPerStep: 0 }, responses: { background: { queued: 1 } } };
 */
export interface LifecycleSettings {
  responses?: { background?: { queued?: number; inProgress?: number } };
  batches?: { retrievesPerStep?: number };
  fineTuning?: { retrievesPerStep?: number };
  evals?: { retrievesPerStep?: number };
  videos?: { retrievesPerStep?: number };
  vectorStoreFiles?: { readsToComplete?: number };
}

/** The settings, as a tree: a group's fields, down to the names of its numbers. */
type Shape = readonly string[] | { readonly [group: string]: Shape };

const shape: Shape = {
  responses: { background: ['queued', 'inProgress'] },
  batches: ['retrievesPerStep'],
  fineTuning: ['retrievesPerStep'],
  evals: ['retrievesPerStep'],
  videos: ['retrievesPerStep'],
  vectorStoreFiles: ['readsToComplete'],
};

/** The most steps a setting takes: far more reads than any test makes. */
const maxSteps = 1_000_000;

interface Change {
  readonly path: readonly string[];
  readonly value: number;
}

function read(value: unknown, node: Shape, path: readonly string[], changes: Change[]): void {
  const at = path.join('.');
  const keys = Array.isArray(node) ? node : Object.keys(node);
  const form = objectAt(value, at, `some of { ${keys.join(', ')} }`);
  onlyKeys(form, at, keys);
  for (const [key, field] of Object.entries(form)) {
    if (field === undefined) continue;
    if (!Array.isArray(node)) {
      read(field, (node as Record<string, Shape>)[key] ?? [], [...path, key], changes);
    } else if (typeof field !== 'number' || !Number.isInteger(field) || field < 0 || field > maxSteps) {
      throw new JsonFormError([...path, key].join('.'), `must be a whole number from 0 to ${maxSteps}.`);
    } else {
      changes.push({ path: [...path, key], value: field });
    }
  }
}

/**
 * Reads {@link LifecycleSettings} into the change it makes, applied only once every field was read: a
 * {@link JsonFormError} names the first one that is wrong, and nothing changes.
 *
 * @example
 * lifecycleFromJson({ batches: { retrievesPerStep: 0 } })(lifecycle(openaiMock));
 */
export function lifecycleFromJson(value: unknown): (target: Lifecycle) => void {
  const changes: Change[] = [];
  read(value, shape, [], changes);
  return (target) => {
    for (const { path, value: setting } of changes) {
      let group: Record<string, unknown> = target as unknown as Record<string, unknown>;
      for (const part of path.slice(0, -1)) group = group[part] as Record<string, unknown>;
      group[path.at(-1) ?? ''] = setting;
    }
  };
}
