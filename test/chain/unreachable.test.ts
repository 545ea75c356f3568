/**
 * The CLI runner (src/chain/cli.ts) turns "the node cannot be reached" into one line and exit 1 for
 * every command, whichever layer noticed it: Hardhat's provider (a real HH108/HH109 HardhatError) or
 * Node's socket (ECONNREFUSED as the cause of a wrapping error). Any other error stays a bug (exit 2).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { HardhatError } from "hardhat/internal/core/errors";
import { ERRORS } from "hardhat/internal/core/errors-list";
import { NodeUnreachableError, runCommand, unreachableNodeError } from "../../src/chain";
import { PROJECT_ROOT } from "../helpers/cli";

async function run(thrown: unknown): Promise<{ lines: string[]; exitCode: number | undefined }> {
  const saved = process.exitCode;
  const lines: string[] = [];
  try {
    process.exitCode = undefined;
    await runCommand(
      { usage: "npm run x", options: {} },
      async () => {
        throw thrown;
      },
      [],
      (l) => lines.push(l),
    );
    return { lines, exitCode: process.exitCode as number | undefined };
  } finally {
    process.exitCode = saved;
  }
}

describe("common: an unreachable node is a user error of every command", function () {
  it("Hardhat's HH108 (node not running): one line naming the network, exit 1", async function () {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const res = await run(new HardhatError(ERRORS.NETWORK.NODE_IS_NOT_RUNNING, { network: "localhost" }, refused));
    expect(res.exitCode).to.equal(1);
    expect(res.lines).to.deep.equal([
      'error: cannot read the chain of network "localhost" (is the node running and the RPC URL right?): ' +
        "Cannot connect to the network localhost.",
    ]);
  });

  it("Hardhat's HH109 (timed out): one line, the network from HARDHAT_NETWORK, exit 1", async function () {
    const err = unreachableNodeError(new HardhatError(ERRORS.NETWORK.NETWORK_TIMEOUT), "bscTestnet");
    expect(err).to.be.instanceOf(NodeUnreachableError);
    expect(err?.message).to.equal(
      'cannot read the chain of network "bscTestnet" (is the node running and the RPC URL right?): ' +
        "Network connection timed out.",
    );
    expect((await run(new HardhatError(ERRORS.NETWORK.NETWORK_TIMEOUT))).exitCode).to.equal(1);
  });

  it("a socket error wrapped as the cause of another error (fetch failed): one line with its code, exit 1", async function () {
    const wrapped = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" }),
    });
    const res = await run(wrapped);
    expect(res.exitCode).to.equal(1);
    expect(res.lines).to.have.length(1);
    expect(res.lines[0]).to.match(/^error: cannot read the chain of .*: fetch failed \(ECONNREFUSED\)$/);
  });

  it("any other error (another HardhatError, a plain bug) stays a bug: stack, exit 2", async function () {
    expect(unreachableNodeError(new HardhatError(ERRORS.GENERAL.NOT_INSIDE_PROJECT))).to.equal(undefined);
    expect(unreachableNodeError(new Error("boom", { cause: new Error("deeper") }))).to.equal(undefined);
    const res = await run(new Error("boom"));
    expect(res.exitCode).to.equal(2);
    expect(res.lines[0]).to.match(/^Error: boom\n\s+at /);
  });

  it("a command other than report (npm run upgrade, separate process) against an unreachable node: one line, exit 1", function () {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-unreachable-"));
    fs.mkdirSync(path.join(root, "deployments", "localhost"), { recursive: true });
    const res = spawnSync(
      "npm",
      [
        "run",
        "-s",
        "upgrade",
        "--",
        "--network",
        "localhost",
        "--target",
        "SomStablecoin",
        "--implementation",
        "SomStablecoin",
        "--out",
        path.join(root, "p.json"),
      ],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, SOM_DEPLOYMENTS_ROOT: root, LOCALHOST_RPC_URL: "http://127.0.0.1:9" },
        encoding: "utf8",
        timeout: 240_000,
      },
    );
    expect(res.status, `${res.stdout}\n${res.stderr}`).to.equal(1);
    expect(res.stderr.trim()).to.equal(
      'error: cannot read the chain of network "localhost" (is the node running and the RPC URL right?): ' +
        "Cannot connect to the network localhost.",
    );
  });
});
