import type { Ajv2020 } from 'ajv/dist/2020.js';
import { packageRequire } from '../internal/package-require.js';
import { requestDocumentId } from './itemwise.js';
import type { RequestSchemaDocument } from './relaxations.js';

/**
 * @internal The validator the request schemas are compiled with, the document added under
 * {@link requestDocumentId}. The mock compiles at runtime with it, and `scripts/generate-request-validators.ts`
 * generates the code of {@link compiledValidators} with it (`source`: keep each function's code), so both are the
 * same validators. ajv is loaded on the first call of this, not when the library is imported: the operations
 * compiled ahead of time never need it.
 */
export function requestAjv(document: RequestSchemaDocument, options: { readonly source?: boolean } = {}): Ajv2020 {
  // strict: false lets the spec's own keywords (`discriminator`) through; formats are not checked (the API's
  // own checks of `uri`, `date-time`, ... differ from the spec's).
  // `optimize: false` skips ajv's pass over the generated code: a third less time compiling the large operations
  // (`responses.create`: ~300 ms instead of ~400 ms), for no measurable cost per validation.
  const { Ajv2020: Compiler } = packageRequire()('ajv/dist/2020') as typeof import('ajv/dist/2020.js');
  const ajv = new Compiler({
    strict: false,
    validateFormats: false,
    validateSchema: false,
    allErrors: false,
    code: { optimize: false, ...(options.source === true && { source: true, lines: false }) },
  });
  ajv.addSchema(document, requestDocumentId);
  return ajv;
}
