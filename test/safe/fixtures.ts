/** Shared fixture: Safe v1.4.1 from the shipped artifacts, 2-of-3 and 3-of-5 reserve Safes, the mock token. */
import hre from "hardhat";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Wallet, id } from "ethers";
import type { ContractRecord } from "../../src/deploy/records";
import { writeKeystore } from "../../src/keys/keystore";
import { assembleProposal, buildCall, currentNonce, loadProposalContext } from "../../src/safe/actions";
import type { CallRequest } from "../../src/safe/actions";
import { loadSafeArtifact } from "../../src/safe/artifacts";
import { createReserveSafe, ensureSafeInfrastructure, saltNonceFor } from "../../src/safe/deploy";
import type { SafeInfrastructure } from "../../src/safe/deploy";
import { executeProposal } from "../../src/safe/execute";
import type { ExecutionResult } from "../../src/safe/execute";
import { readProposal, writeProposal } from "../../src/safe/proposal";
import type { Proposal } from "../../src/safe/proposal";
import { signProposal } from "../../src/safe/review";
import type { RiskCode } from "../../src/safe/policy";
import type { ReserveTokenMock } from "../../typechain-types";

export const PASSWORD = "custodian-test-password";
/** Five custodian keys (deterministic), keystores written once per process. */
export const CUSTODIANS: Wallet[] = [1, 2, 3, 4, 5].map((i) => new Wallet(id(`custodian-${i}`)));
export const KEY_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "custodians-"));
export const keystoreOf = (i: number): string => path.join(KEY_DIR, `custodian-${i}.json`);

let keystoresWritten: Promise<void> | undefined;
export function writeCustodianKeystores(): Promise<void> {
  keystoresWritten ??= Promise.all(CUSTODIANS.map((w, i) => writeKeystore(keystoreOf(i), w, PASSWORD, true))).then(() => undefined);
  return keystoresWritten;
}

export interface SafeSetup {
  address: string;
  threshold: number;
  /** Indices into CUSTODIANS. */
  owners: number[];
}

export interface SafeFixture {
  infra: SafeInfrastructure;
  safe23: SafeSetup;
  safe35: SafeSetup;
}

export const rpc = (method: string, params: unknown[]): Promise<unknown> => hre.network.provider.send(method, params);

export async function safeFixture(): Promise<SafeFixture> {
  const [deployer] = await hre.ethers.getSigners();
  const infra = await ensureSafeInfrastructure(deployer, rpc, "Safe");
  const mk = async (owners: number[], threshold: number, label: string): Promise<SafeSetup> => {
    const created = await createReserveSafe(deployer, infra, {
      owners: owners.map((i) => CUSTODIANS[i].address),
      threshold,
      saltNonce: saltNonceFor(label),
    });
    return { address: created.address, threshold, owners };
  };
  return { infra, safe23: await mk([0, 1, 2], 2, "Reserve2of3"), safe35: await mk([0, 1, 2, 3, 4], 3, "Reserve3of5") };
}

export function recordOf(name: string, contract: string, address: string, abi: readonly unknown[]): ContractRecord {
  return {
    name,
    contract,
    address,
    abi,
    transactionHash: "0x",
    blockNumber: 0,
    args: [],
    compiler: "test",
    gitCommit: "test",
    chainId: 31337,
    deployedAt: new Date(0).toISOString(),
  };
}

/** Everything the tooling needs for one Safe: records, the token (mock now, stablecoin after merge). */
export interface ReserveEnv {
  safe: SafeSetup;
  infra: SafeInfrastructure;
  records: ContractRecord[];
  token: ReserveTokenMock;
  tokenRecord: string;
  other: ReserveTokenMock;
  beacon: string;
  holder: string;
  dir: string;
}

/**
 * Deploys the token the reserve controls. Swap this one function for the real stablecoin after the merge.
 * The Safe receives every operational role and becomes DEFAULT_ADMIN via accept (executed through the Safe).
 */
export async function deployReserveToken(safe: string): Promise<{ token: ReserveTokenMock; abi: readonly unknown[]; contract: string }> {
  const [deployer] = await hre.ethers.getSigners();
  const token = await hre.ethers.deployContract("ReserveTokenMock", [deployer.address, safe]);
  for (const role of ["UPGRADER_ROLE", "MINTER_ADMIN_ROLE", "BURNER_ROLE", "PAUSER_ROLE", "COMPLIANCE_ROLE", "RESCUER_ROLE"]) {
    await token.grantRole(id(role), safe);
  }
  await token.grantRole(id("MINTER_ADMIN_ROLE"), deployer.address);
  await token.configureMinter(deployer.address, 10n ** 12n);
  await token.mint(1_000_000_00n); // 1,000,000.00 KGSC into the reserve (the Safe)
  await token.beginDefaultAdminTransfer(safe);
  const artifact = await hre.artifacts.readArtifact("ReserveTokenMock");
  return { token, abi: artifact.abi, contract: "ReserveTokenMock" };
}

export async function reserveEnv(safe: SafeSetup, infra: SafeInfrastructure): Promise<ReserveEnv> {
  const [deployer, holder] = await hre.ethers.getSigners();
  const { token, abi, contract } = await deployReserveToken(safe.address);
  await token.connect(deployer).configureMinter(deployer.address, 10n ** 12n);
  const other = await hre.ethers.deployContract("ReserveTokenMock", [deployer.address, await token.getAddress()]);
  await other.grantRole(id("MINTER_ADMIN_ROLE"), deployer.address);
  await other.configureMinter(deployer.address, 10n ** 12n);
  await other.mint(500_00n); // stuck in the stablecoin contract, for rescueERC20
  const impl = await hre.ethers.deployContract("ReserveTokenMock", [deployer.address, deployer.address]);
  const beacon = await hre.ethers.deployContract("UpgradeableBeacon", [await impl.getAddress(), safe.address]);
  const records = [
    recordOf("SomStablecoin", contract, await token.getAddress(), abi),
    recordOf("OtherToken", contract, await other.getAddress(), abi),
    recordOf("AssetBeacon", "UpgradeableBeacon", await beacon.getAddress(), (await hre.artifacts.readArtifact("UpgradeableBeacon")).abi),
    recordOf("ReserveSafe", "Safe", safe.address, loadSafeArtifact("Safe").abi as readonly unknown[]),
  ];
  // a holder that already has a balance
  await token.connect(deployer).configureMinter(deployer.address, 10n ** 12n);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "proposals-"));
  const env: ReserveEnv = { safe, infra, records, token, tokenRecord: "SomStablecoin", other, beacon: await beacon.getAddress(), holder: holder.address, dir };
  await runThroughSafe(env, [{ action: "acceptDefaultAdminTransfer", contract: "SomStablecoin" }]);
  await runThroughSafe(env, [{ action: "distribute", contract: "SomStablecoin", args: { to: holder.address, value: "1.00" } }]);
  return env;
}

let counter = 0;

/** propose: writes a proposal file for `requests` (one call, or a MultiSendCallOnly batch). */
export async function proposeToFile(env: ReserveEnv, requests: CallRequest[], opts: { nonce?: bigint; file?: string } = {}): Promise<string> {
  const provider = hre.ethers.provider;
  const context = await loadProposalContext(provider, env.records, env.safe.address);
  const calls = requests.map((r) => buildCall(context, r));
  const proposal = assembleProposal({
    chainId: 31337,
    safe: env.safe.address,
    nonce: opts.nonce ?? (await currentNonce(provider, env.safe.address)),
    calls,
    context,
    multiSendCallOnly: env.infra.multiSendCallOnly,
    description: requests.map((r) => r.action ?? r.fn).join(" + "),
  });
  const file = opts.file ?? path.join(env.dir, `proposal-${++counter}.json`);
  writeProposal(file, proposal);
  return file;
}

/** sign: one custodian, one separate step, from the file, with the key from its keystore. */
export async function signFile(file: string, custodian: number, allow: RiskCode[] = []): Promise<Proposal> {
  await writeCustodianKeystores();
  const { decryptKeystore } = await import("../../src/keys/keystore");
  const wallet = await decryptKeystore(keystoreOf(custodian), PASSWORD);
  const { proposal } = await signProposal(readProposal(file), wallet, { allow }, file);
  writeProposal(file, proposal);
  return proposal;
}

export async function executeFile(file: string): Promise<ExecutionResult> {
  const [executor] = await hre.ethers.getSigners();
  return executeProposal(executor, readProposal(file));
}

/** propose -> threshold-many signatures (separate steps) -> execute. */
export async function runThroughSafe(env: ReserveEnv, requests: CallRequest[], allow: RiskCode[] = []): Promise<ExecutionResult> {
  const file = await proposeToFile(env, requests);
  for (const i of env.safe.owners.slice(0, env.safe.threshold)) await signFile(file, i, allow);
  return executeFile(file);
}
