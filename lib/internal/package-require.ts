import { createRequire } from 'node:module';

/**
 * @internal A `require` that loads packages as this library's own code would: synchronous, so work on the answer
 * path needs no promise. In an ES module, a `require` made from the module's URL; in the CommonJS build, where
 * bundlers leave `import.meta` empty, the module's own `require`.
 */
export function packageRequire(): NodeJS.Require {
  const url: string | undefined = import.meta.url;
  return url ? createRequire(url) : require;
}
