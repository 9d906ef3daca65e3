/**
 * The code of `lib/validation/compiled-validators.ts`: the request validators of the operations a suite calls
 * first (`chat.completions.create`, `responses.create`), compiled ahead of time, so the first call of a process
 * does not compile them (a few hundred ms). Compiled by the same ajv, with the same options and the same relaxed
 * document as the mock compiles at runtime ({@link requestAjv}), keeping each function's code (`source`): each
 * operation's validator and the validators of its growing field's union branches (see `itemwise.ts`).
 *
 * The code is kept as pieces, one per function or value (a schema, a pattern, ajv's runtime helpers), each with
 * the names it uses, so the mock links only the functions a body reaches, when it first reaches them. The pieces
 * of an operation are stored one after another, in blocks of about {@link blockSize} bytes, each
 * Brotli-compressed, in base64: reading a large string literal costs a process about as much as compiling code of
 * the same size, so it is kept small; and a block is decompressed when a piece of it is first linked, so the first
 * call of a process does not decompress all of an operation's code (~1 MB for `responses.create`, ~10 ms).
 *
 * `spec/validation/compiled-validators.spec.ts` regenerates this in memory and compares it (uncompressed) with
 * the committed file; `npm run generate` rewrites it.
 */
import { createRequire } from 'node:module';
import { brotliCompressSync, constants } from 'node:zlib';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2020.js';
import { growingFieldOf, requestDocumentId } from '../lib/validation/itemwise.js';
import { type RequestSchemaDocument, relaxed } from '../lib/validation/relaxations.js';
import { requestAjv } from '../lib/validation/request-ajv.js';
import { requestSchemaText } from '../lib/validation/request-schemas.js';

/** The operations compiled ahead of time: the first call of most suites. Others compile when first called. */
export const precompiledOperations = ['createChatCompletion', 'createResponse'];

/** One function or value of the generated code: its name, its code and the names it uses. */
export interface Piece {
  readonly name: string;
  readonly code: string;
  readonly uses: readonly string[];
}

/** One operation's validators: the schemas they check (by path in the document) and the pieces they are made of. */
export interface Group {
  readonly entries: Readonly<Record<string, string>>;
  readonly pieces: readonly Piece[];
}

/** The runtime helpers generated code may `require`: ajv's own. */
const runtimeHelper = /^require\("ajv\/dist\/runtime\/([a-z_0-9]+)"\)(\.default)?$/;

/**
 * ajv's runtime helpers whose function is self-contained (it names nothing outside itself): their code is copied
 * in, so linking them loads no module (a process's first `require` costs it a few ms).
 */
const inlinedHelpers = new Set(['ucs2length']);

/** A runtime helper's code as a piece: the helper's own function when it is copied in, else its `require`. */
function helperCode(value: string): string {
  const [, helper = '', defaultExport] = runtimeHelper.exec(value) ?? [];
  if (!inlinedHelpers.has(helper) || defaultExport === undefined) return value;
  const loaded = createRequire(import.meta.url)(`ajv/dist/runtime/${helper}`) as { default: unknown };
  if (typeof loaded.default !== 'function') throw new Error(`${helper}: not a function`);
  return `(${String(loaded.default)})`;
}

interface ScopeName {
  readonly str: string;
  readonly prefix: string;
  readonly value?: { readonly ref?: unknown; readonly code?: unknown };
}

/** The compiled validators of each precompiled operation, as pieces (see the header). */
export function compiledGroups(): { ajvVersion: string; groups: Record<string, Group> } {
  const document = relaxed(JSON.parse(requestSchemaText) as RequestSchemaDocument);
  const ajv = requestAjv(document, { source: true });
  const groups: Record<string, Group> = {};
  for (const operationId of precompiledOperations) {
    const paths = [`operations/${operationId}`];
    const field = growingFieldOf(document, operationId, () => {
      throw new Error('not called while generating');
    });
    for (const leaf of field?.tag?.leaves ?? []) if (leaf.ref !== undefined) paths.push(leaf.ref.replace(/^#\//, ''));
    const pieces: Piece[] = [];
    const seen = new Set<string>();
    const entries: Record<string, string> = {};

    const visit = (validate: ValidateFunction): string => {
      const source = validate.source;
      if (!source) throw new Error('ajv kept no source');
      const name = source.validateName.str;
      if (seen.has(name)) return name;
      seen.add(name);
      let code = source.validateCode;
      if (source.evaluated) code += `${name}.evaluated = ${source.evaluated.toString()};`;
      const uses: string[] = [];
      const piece = { name, code, uses };
      pieces.push(piece);
      for (const names of Object.values(source.scopeValues)) {
        for (const used of names as Iterable<ScopeName>) {
          // Every function declares its own schema; most never read it.
          if (!new RegExp(`\\b${used.str}\\b`).test(code)) continue;
          uses.push(used.str);
          if (seen.has(used.str)) continue;
          const ref = used.value?.ref;
          if (used.prefix === 'validate' && typeof ref === 'function') visit(ref as ValidateFunction);
          else if ((used.prefix === 'wrapper' || used.prefix === 'root') && typeof ref === 'object' && ref !== null) {
            // A reference compiled while its target was: `{ validate }`, filled in once the target is compiled.
            const env = ref as { validate?: ValidateFunction };
            if (!env.validate) throw new Error(`${used.str}: its function was never compiled`);
            const target = visit(env.validate);
            seen.add(used.str);
            pieces.push({ name: used.str, code: `{validate: ${target}}`, uses: [target] });
          } else if (used.value?.code !== undefined) {
            const value = String(used.value.code);
            if (used.prefix === 'func' && !runtimeHelper.test(value)) throw new Error(`${used.str}: unexpected code ${value}`);
            seen.add(used.str);
            pieces.push({ name: used.str, code: used.prefix === 'func' ? helperCode(value) : value, uses: [] });
          } else throw new Error(`${used.str}: a ${used.prefix} without code`);
        }
      }
      return name;
    };

    for (const path of paths) {
      const validate = ajv.getSchema(`${requestDocumentId}#/${path}`);
      if (!validate) throw new Error(`no schema at ${path}`);
      entries[path] = visit(validate);
    }
    groups[operationId] = { entries, pieces };
  }
  const ajvVersion = (createRequire(import.meta.url)('ajv/package.json') as AnySchemaObject)['version'];
  return { ajvVersion: String(ajvVersion), groups };
}

/** The pieces' code one after another, as the generated file keeps it (before compression). */
export function codeOf(group: Group): Buffer {
  return Buffer.from(group.pieces.map((piece) => piece.code).join(''), 'utf8');
}

/** About how many bytes of code a compressed block holds: a block is closed once it holds this many. */
export const blockSize = 32 * 1024;

/** The pieces cut into blocks, in order: each block's pieces. */
export function blocksOf(group: Group): Piece[][] {
  const blocks: Piece[][] = [];
  let block: Piece[] = [];
  let size = 0;
  for (const piece of group.pieces) {
    block.push(piece);
    size += Buffer.byteLength(piece.code, 'utf8');
    if (size >= blockSize) {
      blocks.push(block);
      block = [];
      size = 0;
    }
  }
  if (block.length > 0) blocks.push(block);
  return blocks;
}

/** The text of `lib/validation/compiled-validators.ts`. */
export function compiledValidatorsModule(): string {
  const { ajvVersion, groups } = compiledGroups();
  const entries: Record<string, [string, string]> = {};
  const lines = [
    `// Generated by scripts/generate-request-validators.ts from the request schemas and their relaxations, with ajv ${ajvVersion}. Do not edit by hand.`,
    '',
    '/** The generated code of one operation\'s validators (see `scripts/request-validators.ts`). */',
    'export interface CompiledGroup {',
    '  /** The pieces\' code (UTF-8) one after another, in blocks, each Brotli-compressed, in base64. */',
    '  readonly blocks: readonly string[];',
    '  /**',
    '   * Each piece: its name, its block, where its code starts and ends in the block\'s uncompressed bytes, the names',
    '   * it uses (space-separated).',
    '   */',
    '  readonly pieces: readonly (readonly [name: string, block: number, start: number, end: number, uses: string])[];',
    '}',
    '',
    '/** Request validators compiled ahead of time: by schema path, their group and function; the groups by operation. */',
    'export interface CompiledValidators {',
    '  readonly entries: Readonly<Record<string, readonly [group: string, name: string]>>;',
    '  readonly groups: Readonly<Record<string, CompiledGroup>>;',
    '}',
    '',
  ];
  const groupLines: string[] = [];
  for (const [operationId, group] of Object.entries(groups)) {
    for (const [path, name] of Object.entries(group.entries)) entries[path] = [operationId, name];
    const blocks: string[] = [];
    const pieces: string[] = [];
    for (const [index, block] of blocksOf(group).entries()) {
      const code = codeOf({ entries: {}, pieces: block });
      const compressed = brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: code.length } });
      blocks.push(`      ${JSON.stringify(compressed.toString('base64'))},`);
      let offset = 0;
      for (const piece of block) {
        const length = Buffer.byteLength(piece.code, 'utf8');
        pieces.push(`      ${JSON.stringify([piece.name, index, offset, offset + length, piece.uses.join(' ')])},`);
        offset += length;
      }
    }
    groupLines.push(`  ${operationId}: {`, '    blocks: [', ...blocks, '    ],', '    pieces: [', ...pieces, '    ],', '  },');
  }
  lines.push(
    '/** @internal The request validators compiled ahead of time (see `precompiled.ts`). */',
    'export const compiledValidators: CompiledValidators = {',
    `  entries: ${JSON.stringify(entries)},`,
    '  groups: {',
    ...groupLines.map((line) => `  ${line}`),
    '  },',
    '};',
    '',
  );
  return lines.join('\n');
}
