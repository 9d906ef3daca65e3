// The CommonJS form of lib/tokens/load-ranks.ts. That module reads the tokenizer ranks with `require` in the
// package's CommonJS build and with a `require` made from `import.meta.url` in its ES-module build; ts-jest
// compiles the library's sources to CommonJS, where `import.meta` cannot be written, so this suite maps the one
// module to this file (see jest.config.cjs). Users of the published package load its CommonJS build and need
// nothing of the kind.
exports.loadRanks = function loadRanks(name) {
  return name === 'o200k_base' ? require('js-tiktoken/ranks/o200k_base') : require('js-tiktoken/ranks/cl100k_base');
};
