/**
 * reserveSafe.singleton: "SafeL2" on every chain but Ethereum mainnet (as Safe{Wallet} defaults, so the Safe
 * Transaction Service indexes the Safe), "Safe" on chain id 1; an explicit value wins; anything else is refused.
 */
import { expect } from "chai";
import fs from "node:fs";
import path from "node:path";
import { DeployConfigError, isNewSafe, parseDeployConfig } from "../../src/deploy/config";
import type { DeployConfig } from "../../src/deploy/config";
import { PROJECT_ROOT } from "../helpers/cli";

function config(edit: (j: Record<string, Record<string, unknown>>) => void): DeployConfig {
  const j = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", "hardhat.json"), "utf8")) as Record<
    string,
    Record<string, unknown>
  >;
  edit(j);
  return parseDeployConfig(j, "cfg.json", "hardhat");
}

const A = "0x1000000000000000000000000000000000000001";
const B = "0x2000000000000000000000000000000000000002";
const C = "0x3000000000000000000000000000000000000003";

/**
 * The public example with its placeholders filled in, on `network` / `chainId` (the schema checks a known
 * network's chain id, so chain 97 is parsed as bscTestnet and chain 1 as "mainnet", a name it does not pin).
 */
function publicConfig(network: string, chainId: number): DeployConfig {
  const j = JSON.parse(
    fs.readFileSync(path.join(PROJECT_ROOT, "deploy", "config", "sepolia.example.json"), "utf8"),
  ) as {
    network: string;
    chainId: number;
    reserveSafe: { owners: string[] };
    attestation: { attestors: string[] };
    minters: { address: string }[];
    market: { regulator: string };
  };
  j.network = network;
  j.chainId = chainId;
  j.reserveSafe.owners = [A, B, C];
  j.attestation.attestors = [A, B, C];
  j.minters[0].address = A;
  j.market.regulator = C;
  return parseDeployConfig(j, "cfg.json", network);
}
const singletonOf = (c: DeployConfig): string => (isNewSafe(c.reserveSafe) ? c.reserveSafe.singleton : "existing");

describe("safe: reserveSafe.singleton in the deploy config", function () {
  it("defaults to SafeL2 off mainnet and Safe on chain id 1; an explicit value wins", function () {
    expect(singletonOf(config(() => undefined))).to.equal("SafeL2");
    expect(singletonOf(publicConfig("bscTestnet", 97))).to.equal("SafeL2");
    expect(singletonOf(publicConfig("mainnet", 1))).to.equal("Safe");
    expect(singletonOf(config((j) => (j.reserveSafe.singleton = "Safe")))).to.equal("Safe");
    expect(singletonOf(config((j) => (j.reserveSafe.singleton = "SafeL2")))).to.equal("SafeL2");
  });

  it("refuses anything else, naming the field", function () {
    expect(() => config((j) => (j.reserveSafe.singleton = "GnosisSafe"))).to.throw(
      DeployConfigError,
      "reserveSafe.singleton",
    );
  });
});
