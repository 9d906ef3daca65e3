import type { ErrorObject } from 'ajv/dist/2020.js';

/**
 * @internal A compiled check of a value against a schema: ajv's own validate function, or one linked from the
 * generated code (see `precompiled.ts`). After a `false`, `errors` says why, as ajv says it.
 */
export interface Validator {
  (value: unknown): boolean;
  errors?: readonly ErrorObject[] | null | undefined;
}
