// solidity-coverage settings. Mocks and test helpers are not production code: excluded so that
// the coverage gate (scripts/check-coverage.ts) measures contracts that ship.
module.exports = {
  skipFiles: ["mocks/", "test/"],
  istanbulReporter: ["json-summary", "lcov", "text-summary", "html"],
  configureYulOptimizer: true,
  mocha: { timeout: 600000 },
};
