/**
 * `npm test` hands mocha's parallel workers the longest files first (tools/test-order.ts): the list names files that
 * exist (a renamed file would silently fall back to name order), and Hardhat's own file list comes out in that order.
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import hre from "hardhat";
import { TASK_TEST_GET_TEST_FILES } from "hardhat/builtin-tasks/task-names";
import { LONGEST_FIRST, orderTestFiles } from "../../tools/test-order";
import { PROJECT_ROOT } from "../helpers/cli";

describe("foundation: the order of npm test's files", function () {
  it("every file of the longest-first list exists, once", function () {
    expect(new Set(LONGEST_FIRST).size).to.equal(LONGEST_FIRST.length);
    for (const f of LONGEST_FIRST) expect(fs.existsSync(path.join(PROJECT_ROOT, f)), f).to.equal(true);
  });

  it("puts the listed files first, in the list's order, and keeps the others in their order", function () {
    const abs = (f: string) => path.join("/r", f);
    const files = ["test/a.test.ts", LONGEST_FIRST[2], "test/b.test.ts", LONGEST_FIRST[0]].map(abs);
    expect(orderTestFiles(files, "/r")).to.deep.equal(
      [LONGEST_FIRST[0], LONGEST_FIRST[2], "test/a.test.ts", "test/b.test.ts"].map(abs),
    );
  });

  it("Hardhat's test file list (what `hardhat test --parallel` hands mocha) starts with the list", async function () {
    const files = (await hre.run(TASK_TEST_GET_TEST_FILES, { testFiles: [] })) as string[];
    expect(files.slice(0, LONGEST_FIRST.length)).to.deep.equal(LONGEST_FIRST.map((f) => path.join(PROJECT_ROOT, f)));
    expect(files.length).to.be.greaterThan(100);
  });
});
