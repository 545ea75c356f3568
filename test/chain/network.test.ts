/**
 * The one network selector (src/chain/network.ts): `--network`, else HARDHAT_NETWORK, else the
 * command's default; the choice is written back to HARDHAT_NETWORK for Hardhat. And the commands that
 * used to ignore HARDHAT_NETWORK (deploy) now follow it.
 */
import { spawnSync } from "node:child_process";
import { expect } from "chai";
import { DEFAULT_NETWORK, networkFlag, selectNetwork, selectedNetwork } from "../../src/chain";
import { PROJECT_ROOT, commandArgs } from "../helpers/cli";

describe("common: the one network selector", function () {
  it("--network wins over HARDHAT_NETWORK and the default", function () {
    const env: NodeJS.ProcessEnv = { HARDHAT_NETWORK: "sepolia" };
    expect(selectNetwork({ network: "localhost" }, "hardhat", env)).to.equal("localhost");
    expect(env.HARDHAT_NETWORK).to.equal("localhost");
  });

  it("HARDHAT_NETWORK wins over the default when there is no --network", function () {
    const env: NodeJS.ProcessEnv = { HARDHAT_NETWORK: " bscTestnet " };
    expect(selectNetwork({}, "hardhat", env)).to.equal("bscTestnet");
    expect(env.HARDHAT_NETWORK).to.equal("bscTestnet");
  });

  it("the command's default (the in-process chain) when neither is given; empty counts as unset", function () {
    expect(DEFAULT_NETWORK).to.equal("hardhat");
    const env: NodeJS.ProcessEnv = { HARDHAT_NETWORK: "" };
    expect(selectNetwork({ network: "" }, undefined, env)).to.equal("hardhat");
    expect(env.HARDHAT_NETWORK).to.equal("hardhat");
    expect(selectNetwork({}, "localhost", {})).to.equal("localhost");
  });

  it("the flag alone (attest:*) ignores HARDHAT_NETWORK; selectedNetwork reads the choice back", function () {
    expect(networkFlag({ network: "sepolia" })).to.equal("sepolia");
    expect(networkFlag({ network: "" })).to.equal(undefined);
    expect(networkFlag({})).to.equal(undefined);
    expect(selectedNetwork({ HARDHAT_NETWORK: "localhost" })).to.equal("localhost");
    expect(selectedNetwork({})).to.equal(undefined);
  });

  it("npm run deploy follows HARDHAT_NETWORK when --network is absent (it used to deploy to hardhat)", function () {
    this.timeout(240_000);
    const res = spawnSync(process.execPath, commandArgs("scripts/deploy.ts"), {
      cwd: PROJECT_ROOT,
      env: { ...process.env, HARDHAT_NETWORK: "nowhere" },
      encoding: "utf8",
      timeout: 240_000,
    });
    expect(res.status, `${res.stdout}\n${res.stderr}`).to.equal(1);
    expect(res.stderr.trim()).to.equal("error: HH100: Network nowhere doesn't exist");
  });
});
