/**
 * `npm run coverage` leaves out the test files of the contract folders that only run commands as child processes:
 * a child's chain is its own, so they execute no instrumented code and add nothing but time. This pins that: every
 * file the coverage glob leaves out uses no in-process chain (no Hardhat runtime, no network helpers, no fixture
 * call, no deployment),
 * so leaving it out can never lower coverage.
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import globby from "globby";
import { PROJECT_ROOT } from "../helpers/cli";

const IN_PROCESS_CHAIN = [
  /from "hardhat"/,
  /@nomicfoundation\/hardhat-network-helpers/,
  /\b\w*[Ff]ixture\w*\(/,
  /deploySystem|ethers\.deployContract|getSigners/,
  /\bhre\./,
];

describe("coverage: the test files it leaves out run no contract code in process", function () {
  const script = (
    JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts.coverage;
  const glob = /--testfiles "([^"]+)"/.exec(script)?.[1] ?? "";

  it("the coverage script names its test files with one glob over the contract folders", function () {
    expect(glob, script).to.match(/^test\/\{[a-z,]+\}\/\*\*\/.+\.ts$/);
  });

  it("every test file of those folders it leaves out has no in-process chain", function () {
    const folders = /^test\/\{([a-z,]+)\}/.exec(glob)?.[1].split(",") ?? [];
    const all = globby.sync(
      folders.map((f) => `test/${f}/**/*.test.ts`),
      { cwd: PROJECT_ROOT },
    );
    const covered = new Set(globby.sync([glob], { cwd: PROJECT_ROOT }));
    const left = all.filter((f) => !covered.has(f));
    expect(left, "the glob leaves out the command-only files").to.have.members([
      "test/attestation/cli.test.ts",
      "test/custody/commands.test.ts",
      "test/market/bitcoin.test.ts",
    ]);
    for (const file of left) {
      const text = fs.readFileSync(path.join(PROJECT_ROOT, file), "utf8");
      for (const uses of IN_PROCESS_CHAIN) expect(uses.test(text), `${file} uses ${uses}`).to.equal(false);
    }
  });
});
