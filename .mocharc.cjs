// Mocha reads this file first: the settings are in .mocharc.json; this only makes `npx mocha some.spec.ts` run
// just the files named (Mocha would otherwise add them to every spec and example the settings list).
const settings = require('./.mocharc.json');

const named = process.argv.slice(2).some((arg) => !arg.startsWith('-') && /\.[cm]?[jt]s$/.test(arg));

module.exports = named ? { ...settings, spec: [] } : settings;
