/**
 * The main job's context: the local test accounts by role, the deployment it runs on (step 0) and the
 * helpers every later step uses (a custodian flow through the reserve Safe, a 2-of-3 attestation). Built
 * once by {@link setUpJob}; the steps themselves: ./phases.ts, ./tokenization.ts.
 */
import fs from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type {} from "@nomicfoundation/hardhat-ethers";
import { id, keccak256, toUtf8Bytes } from "ethers";
import type { Interface, Signer } from "ethers";
import { AssetFactory__factory } from "../../typechain-types/factories/contracts/assets/AssetFactory__factory";
import { AttestationRegistry__factory } from "../../typechain-types/factories/contracts/attestation/AttestationRegistry__factory";
import { IdentityRegistry__factory } from "../../typechain-types/factories/contracts/identity/IdentityRegistry__factory";
import { ReserveGuard__factory } from "../../typechain-types/factories/contracts/guard/ReserveGuard__factory";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import type {
  AssetFactory,
  AttestationRegistry,
  IdentityRegistry,
  ReserveGuard,
  SomStablecoin,
} from "../../typechain-types";
import { signReport, submitSignedReport, writeSignatureFile, readSignatureFile } from "../attestation";
import { describeRevert } from "../chain/chainErrors";
import type { ReportForRegistry } from "../attestation";
import { loadDeployConfig } from "../deploy/config";
import type { DeployConfig } from "../deploy/config";
import { readRecords } from "../chain/records";
import { localAccountWallet as localWallet } from "../chain/localKeys";
import { deploySystem } from "../deploy/system";
import { proposeSignExecute } from "../custody/flow";
import type { CallRequest } from "../chain/calls";
import { formatAmount, parseAmount } from "../chain/amounts";
import { StepFailedError } from "./narrator";
import type { Narrator } from "./narrator";
import { callSignatureText, formatTime, waitForChainTime } from "../guard";
import type { AnnouncedCall } from "../guard";

export interface LifecycleOptions {
  hre: HardhatRuntimeEnvironment;
  /** Project root (deploy/config, deployments/, reports/). */
  root: string;
  out: (line: string) => void;
}

/**
 * Local test accounts by role (Hardhat's default mnemonic; deploy/config/<network>.json names them
 * "@account:N", the N-th of those accounts). Holder B and the agency are fresh keys on every run, so
 * the job runs again on the same node (a frozen B, an already verified agency would not repeat).
 */
export const ACCOUNT = {
  deployer: 0,
  custodians: [1, 2, 3],
  attestors: [4, 5, 6],
  minter: 7,
  officer: 8,
  holderA: 9,
  funder: 10,
  relayer: 11,
  enforcer: 13,
};

/** What "@account:N" stands for in the deployment's log. */
const ACCOUNT_ROLES: [number, string][] = [
  [0, "deployer"],
  [1, "custodian 1 (Safe owner)"],
  [2, "custodian 2 (Safe owner)"],
  [3, "custodian 3 (Safe owner)"],
  [4, "attestor: central bank"],
  [5, "attestor: custodian bank"],
  [6, "attestor: external auditor"],
  [7, "minter"],
  [8, "compliance and KYC officer"],
  [9, "holder A: Demir Commercial Bank (licensed by the deployment)"],
  [11, "relayer"],
  [13, "asset enforcer (never the KYC officer)"],
  [14, "regulator (counterparty licences)"],
  [15, "licensed counterparty (exchange)"],
  [16, "unlicensed address"],
  [17, "bitcoin custodian"],
];

export async function expectRevert(p: Promise<unknown>, ...decoders: Interface[]): Promise<string> {
  try {
    await p;
  } catch (err) {
    return describeRevert(err, decoders);
  }
  return "";
}

/** What every step of the main job works with. */
export interface JobContext {
  hre: HardhatRuntimeEnvironment;
  n: Narrator;
  /** Records root (deployments/, reports/). */
  root: string;
  /** This run's scratch directory (proposals, signature files). */
  work: string;
  network: string;
  config: DeployConfig;
  s: (i: number) => Signer;
  addr: (i: number) => string;
  /** The address of the deployment record `name`. */
  rec: (name: string) => string;
  safe: string;
  coin: SomStablecoin;
  registry: AttestationRegistry;
  identity: IdentityRegistry;
  factory: AssetFactory;
  guard: ReserveGuard | undefined;
  /** The ReserveGuard's record address (undefined: the deployment has none). */
  guardAddress: string | undefined;
  decimals: number;
  chainId: bigint;
  /** An amount in som. */
  som: (text: string) => bigint;
  /** An amount in som; base units only beside it. */
  fmt: (raw: bigint) => string;
  /** The latest block's timestamp. */
  now: () => Promise<bigint>;
  /** One custodian flow: propose, announce and wait out the guard's delay, sign offline, execute. */
  custody: (what: string, calls: CallRequest[]) => Promise<void>;
  /** Attestors sign offline into files; a relayer submits them. */
  attest: (subject: string, value: bigint, doc: string, label: string) => Promise<void>;
}

type Deployed = Omit<JobContext, "custody" | "attest">;

/** Step 0: deploys the system (its primary market and distribution rule included) and connects to it. */
export async function setUpJob(
  o: LifecycleOptions,
  n: Narrator,
  root: string,
  work: string,
  signers: Signer[],
): Promise<JobContext> {
  const d = await deployAndConnect(o, n, root, work, signers);
  return { ...d, ...custodyHelpers(d) };
}

async function deployAndConnect(
  o: LifecycleOptions,
  n: Narrator,
  root: string,
  work: string,
  signers: Signer[],
): Promise<Deployed> {
  const { hre } = o;
  const { ethers } = hre;
  const network = hre.network.name;
  const s = (i: number): Signer => signers[i];
  const addr = (i: number): string => (signers[i] as unknown as { address: string }).address;

  // ------------------------------------------------------------------ 0. deploy
  n.step("Deploy the system: stablecoin, attestation registry, identity registry, asset factory, 2-of-3 reserve Safe");
  n.say(`"@account:N" in the configuration and the log is the N-th local test account (Hardhat's default mnemonic):`);
  for (const [i, role] of ACCOUNT_ROLES) n.say(`  @account:${i} = ${addr(i)} (${role})`);
  if (network === "hardhat") fs.rmSync(path.join(root, "deployments", "hardhat"), { recursive: true, force: true });
  const config = loadDeployConfig(o.root, network);
  // A rerun on the same node: the earlier run governed the system through the Safe, so such differences are
  // shown, not fatal.
  const deployed = await deploySystem({ hre, config, root, log: (l) => n.say(l), driftAfterHandover: "report" });
  n.expect(deployed.safe !== "", `reserve Safe ${deployed.safe}, deployer holds no role`);
  const records = readRecords(root, network);
  const rec = (name: string): string => {
    const r = records.find((x) => x.name === name);
    if (!r) throw new StepFailedError("deploy", `no record ${name}`);
    return r.address;
  };
  const safe = deployed.safe;
  const coin = SomStablecoin__factory.connect(rec("SomStablecoin"), s(ACCOUNT.deployer));
  const registry = AttestationRegistry__factory.connect(rec("AttestationRegistry"), s(ACCOUNT.deployer));
  const identity = IdentityRegistry__factory.connect(rec("IdentityRegistry"), s(ACCOUNT.officer));
  const factory = AssetFactory__factory.connect(rec("AssetFactory"), s(ACCOUNT.deployer));
  const decimals = Number(await coin.decimals());
  const symbol = await coin.symbol();
  const units = { decimals, symbol };
  const som = (text: string): bigint => parseAmount(text, units);
  /** An amount in som; base units only beside it. */
  const fmt = (raw: bigint): string => `${formatAmount(raw, units)} (${raw} base units)`;
  const chainId = BigInt((await ethers.provider.getNetwork()).chainId);
  const now = async (): Promise<bigint> => BigInt((await ethers.provider.getBlock("latest"))?.timestamp ?? 0);
  // The deployment's ReserveGuard (deploy config reserveSafe.guard): the Safe's delayed calls (upgrades, role
  // grants, reserve and minter settings, guard settings) are announced by a custodian and wait out its delay.
  const guardRecord = readRecords(root, network).find((r) => r.name === "ReserveGuard");
  const guard = guardRecord ? ReserveGuard__factory.connect(guardRecord.address, ethers.provider) : undefined;
  return {
    hre,
    n,
    root,
    work,
    network,
    config,
    s,
    addr,
    rec,
    safe,
    coin,
    registry,
    identity,
    factory,
    guard,
    guardAddress: guardRecord?.address,
    decimals,
    chainId,
    som,
    fmt,
    now,
  };
}

/** The custodian flow and the attestation, bound to the deployment. */
function custodyHelpers(d: Deployed): Pick<JobContext, "custody" | "attest"> {
  const { hre, n, root, work, network, s, addr, safe, registry, guardAddress, chainId, now } = d;
  const { ethers } = hre;
  const custodians = ACCOUNT.custodians.slice(0, 2).map(localWallet);
  const guardRecord = guardAddress !== undefined ? { address: guardAddress } : undefined;
  const announcer = localWallet(ACCOUNT.custodians[0]).connect(ethers.provider);
  const passDelay = async (at: bigint, announced: readonly AnnouncedCall[]): Promise<void> => {
    for (const c of announced)
      n.say(
        `custodian ${announcer.address} announced the Safe's ${callSignatureText(c.data)} to the ReserveGuard ` +
          `(${c.kind === "delayed" ? "a delayed call" : c.kind}; CallAnnounced)`,
      );
    n.say(`  executable from ${formatTime(at)}`);
    // local chains only (the main job refuses public networks): the clock moves past the delay
    await waitForChainTime(ethers.provider, at, { advanceLocalClock: true, log: (line) => n.say(line) });
  };

  // One custodian flow: propose, announce what the guard delays and wait, each custodian signs offline into a file,
  // then execute.
  const custody = async (what: string, calls: CallRequest[]): Promise<void> => {
    const res = await proposeSignExecute({
      provider: ethers.provider,
      executor: s(ACCOUNT.custodians[2]),
      safe,
      records: readRecords(root, network),
      calls,
      custodians,
      dir: fs.mkdtempSync(path.join(work, "proposal-")),
      guard: guardRecord ? { address: guardRecord.address, announcer, passDelay } : undefined,
    });
    // The plain-words lines of the summary each custodian reviewed (the full decoding is in the file).
    for (const line of res.summary.filter((l) => !/^\s*(call to |function |DELEGATECALL )|\) = /.test(l)))
      n.say(`  | ${line}`);
    n.say(
      `  proposal ${path.relative(work, res.proposalFile ?? "")}, ` +
        `signed offline by 2 of 3 custodians, SafeTx ${res.safeTxHash}`,
    );
    n.tx(`executed through the reserve Safe: ${what}`, res.receipt);
  };

  // Attestors sign offline into files; anyone submits them.
  const attest = async (subject: string, value: bigint, doc: string, label: string): Promise<void> => {
    const report: ReportForRegistry = {
      chainId,
      registry: await registry.getAddress(),
      report: {
        subject,
        value,
        asOf: (await now()) - 60n,
        docHash: keccak256(toUtf8Bytes(doc)),
        uri: `https://reserve.example.kg/documents/${id(doc).slice(2, 14)}`,
      },
    };
    const files: string[] = [];
    for (const i of ACCOUNT.attestors.slice(0, 2)) {
      const file = path.join(work, `${label}-attestor-${i}.sig.json`);
      writeSignatureFile(file, await signReport(report, localWallet(i)));
      files.push(file);
    }
    n.say(`attestors ${ACCOUNT.attestors.slice(0, 2).map(addr).join(" and ")} signed "${doc}" offline`);
    const receipt = await submitSignedReport(report, files.map(readSignatureFile), s(ACCOUNT.relayer));
    n.tx(`2-of-3 report for ${label} submitted by a relayer`, receipt);
  };

  return { custody, attest };
}
