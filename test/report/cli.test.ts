/**
 * `npm run report` as a child process: a user error is one line on stderr and exit 1, never a stack
 * trace or a hang (no records; an unreachable node); through `hardhat run --no-compile` (npm test compiled already).
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runHardhat } from "../helpers/cli";

const STACK = /\n\s+at .+\(.+:\d+:\d+\)/;

describe("report: the command's errors", function () {
  it("without records: one line naming the missing record and the deploy command, exit 1", function () {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-report-cli-"));
    const res = runHardhat(["run", "--no-compile", "scripts/report.ts"], { SOM_DEPLOYMENTS_ROOT: root });
    expect(res.status, res.output).to.equal(1);
    expect(res.stderr.trim()).to.equal(
      'error: no "SomStablecoin" in deployments/hardhat/: deploy first (npm run deploy -- --network hardhat)',
    );
  });

  it("with an unreachable node: one line, exit 1", function () {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-report-cli-"));
    fs.mkdirSync(path.join(root, "deployments", "localhost"), { recursive: true });
    const res = runHardhat(["run", "--no-compile", "--network", "localhost", "scripts/report.ts"], {
      SOM_DEPLOYMENTS_ROOT: root,
      LOCALHOST_RPC_URL: "http://127.0.0.1:9",
    });
    expect(res.status, res.output).to.equal(1);
    expect(res.stderr.trim().split("\n")).to.have.length(1);
    expect(res.stderr).to.match(/^error: cannot read the chain of network "localhost"/);
    expect(res.output).to.not.match(STACK);
  });
});
