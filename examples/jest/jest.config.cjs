// Jest runs only this folder's `*.test.ts`. The package is `"type": "module"`, so the TypeScript is compiled to
// CommonJS by ts-jest (no experimental VM modules needed) and `.js` suffixes in relative imports are dropped.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/**/*.test.ts'],
  // The library's `require` maker uses `import.meta` (ES modules only): its CommonJS form stands in (see package-require.cjs).
  moduleNameMapper: { '^(?:\\./|\\.\\./internal/)package-require\\.js$': '<rootDir>/package-require.cjs', '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
  },
};
