/**
 * Regenerates `lib/validation/compiled-validators.ts`: the request validators compiled ahead of time (see
 * `scripts/request-validators.ts`), and `lib/validation/request-schema-parts.ts`: where each part of the request
 * schemas stands in their text (see `scripts/request-schema-parts.ts`). Run by `npm run generate`, and after
 * regenerating the request schemas (`scripts/generate-request-schemas.ts`) or changing their relaxations
 * (`lib/validation/relaxations.ts`).
 */
import { writeFileSync } from 'node:fs';
import { requestSchemaPartsModule } from './request-schema-parts.js';
import { compiledValidatorsModule } from './request-validators.js';

const text = compiledValidatorsModule();
writeFileSync(new URL('../lib/validation/compiled-validators.ts', import.meta.url), text);
console.log(`lib/validation/compiled-validators.ts: ${Math.round(text.length / 1024)} KB`);
const parts = requestSchemaPartsModule();
writeFileSync(new URL('../lib/validation/request-schema-parts.ts', import.meta.url), parts);
console.log(`lib/validation/request-schema-parts.ts: ${Math.round(parts.length / 1024)} KB`);
