import { expect } from "chai";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { verifySources } from "../../src/deploy/cli";
import type { DeploymentResult } from "../../src/deploy/system";
import type { ContractRecord } from "../../src/chain/records";

function record(name: string, compiler: string, proxy?: ContractRecord["proxy"]): ContractRecord {
  return {
    name,
    contract: name,
    address: `0x${"1".repeat(40)}`,
    abi: [],
    transactionHash: "0x",
    blockNumber: 1,
    args: ["a"],
    proxy,
    compiler,
    gitCommit: "x",
    chainId: 11155111,
    deployedAt: "",
  };
}

describe("deploy: source verification through hardhat-verify", function () {
  const result = {
    records: {
      SomStablecoin: record("SomStablecoin", "0.8.28+commit", { kind: "uups", implementation: `0x${"2".repeat(40)}` }),
      SomReservesAggregator: record("SomReservesAggregator", "0.8.28+commit"),
      Safe: record("Safe", "canonical artifact"),
    },
  } as unknown as DeploymentResult;

  afterEach(() => delete process.env.ETHERSCAN_API_KEY);

  it("is skipped with a message when no API key is configured", async function () {
    const lines: string[] = [];
    const calls: unknown[] = [];
    const hre = { run: async (...a: unknown[]) => calls.push(a) } as unknown as HardhatRuntimeEnvironment;
    await verifySources(hre, result, (l) => lines.push(l));
    expect(lines).to.deep.equal(["source verification skipped: ETHERSCAN_API_KEY is not set (see .env.example)"]);
    expect(calls).to.deep.equal([]);
  });

  it("verifies implementations and plain contracts, never the canonical Safe, and reports each outcome", async function () {
    process.env.ETHERSCAN_API_KEY = "test";
    const lines: string[] = [];
    const calls: { address: string; constructorArguments: unknown[] }[] = [];
    const hre = {
      run: async (_task: string, args: { address: string; constructorArguments: unknown[] }) => {
        calls.push(args);
        if (args.address === `0x${"1".repeat(40)}`) throw new Error("Contract source code already verified");
      },
    } as unknown as HardhatRuntimeEnvironment;
    await verifySources(hre, result, (l) => lines.push(l));
    expect(calls).to.deep.equal([
      { address: `0x${"2".repeat(40)}`, constructorArguments: [] },
      { address: `0x${"1".repeat(40)}`, constructorArguments: ["a"] },
    ]);
    expect(lines[0]).to.contain("verified SomStablecoin");
    expect(lines[1]).to.contain("was already verified");
  });
});

describe("deploy: the deployer key from an encrypted keystore", function () {
  it("uses DEPLOYER_KEYSTORE with DEPLOYER_KEYSTORE_PASSWORD, and nothing when unset", async function () {
    const fs = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const { Wallet } = await import("ethers");
    const hre = (await import("hardhat")).default;
    const { writeKeystore } = await import("../../src/chain/keystore");
    const { deployerFromKeystore } = await import("../../src/deploy/cli");
    const wallet = Wallet.createRandom();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ks-")), "deployer.json");
    await writeKeystore(file, new Wallet(wallet.privateKey), "deploy-pw", true);
    const signer = await deployerFromKeystore(hre.ethers.provider, {
      DEPLOYER_KEYSTORE: file,
      DEPLOYER_KEYSTORE_PASSWORD: "deploy-pw",
    });
    expect(await signer?.getAddress()).to.equal(wallet.address);
    expect(signer?.provider).to.equal(hre.ethers.provider);
    expect(await deployerFromKeystore(hre.ethers.provider, {})).to.equal(undefined);
  });
});
