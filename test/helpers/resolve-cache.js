"use strict";
/**
 * Loaded in each mocha worker (hardhat.config.ts `mocha.require`): memoizes how a bare package name required
 * from a folder resolves, as Node's own cache does for the module that first loaded a package.
 *
 * Node caches `require(name)` per requiring folder only for the folder that loaded the package first; from
 * any other folder each call walks package scopes and `exports` maps again (~50-100 µs). Hardhat's chai
 * matchers require "ethers", "bn.js" and "bignumber.js" on every `expect(…).to.equal(…)` of a non-bigint
 * (hardhat/common/bigInt.js, hardhat-chai-matchers/internal/addressable.js): ~0.4 ms per assertion, tens of
 * thousands of times in the property tests. Only successful resolutions of bare names without options are
 * kept; relative and absolute paths are left to Node. Nothing is installed or removed while tests run.
 */
const Module = require("module");
const path = require("path");

if (!Module._resolveFilename.resolveCacheForTests) {
  const resolve = Module._resolveFilename;
  const cache = new Map();
  const cached = function (request, parent, isMain, options) {
    if (options !== undefined || isMain || !parent || !parent.path || request.startsWith(".") || path.isAbsolute(request)) {
      return resolve.call(this, request, parent, isMain, options);
    }
    const key = `${parent.path}\0${request}`;
    let filename = cache.get(key);
    if (filename === undefined) {
      filename = resolve.call(this, request, parent, isMain, options);
      cache.set(key, filename);
    }
    return filename;
  };
  cached.resolveCacheForTests = true;
  Module._resolveFilename = cached;
}
