// The CommonJS form of lib/internal/package-require.ts. That module gives the library a synchronous `require`
// (to load the tokenizer's ranks, ajv and its runtime helpers when first needed): the module's own `require` in
// the package's CommonJS build, one made from `import.meta.url` in its ES-module build. ts-jest compiles the
// library's sources to CommonJS, where `import.meta` cannot be written, so this suite maps the one module to this
// file (see jest.config.cjs). Users of the published package load its CommonJS build and need nothing of the kind.
exports.packageRequire = function packageRequire() {
  return require;
};
