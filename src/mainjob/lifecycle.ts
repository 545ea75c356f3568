/**
 * The main job: the whole reserve lifecycle on one chain, narrated step by step. Every step calls
 * the same library the CLIs and tests use (deployment, attestation, custodian tooling, stablecoin
 * signatures, asset helpers); nothing here re-implements a step. Each step checks its effect on
 * chain and throws {@link StepFailedError} otherwise.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type {} from "@nomicfoundation/hardhat-ethers";
import { Wallet, ZeroAddress, encodeBytes32String, getAddress, id, keccak256, toUtf8Bytes } from "ethers";
import type { Signer } from "ethers";
import {
  AssetFactory__factory,
  AssetToken__factory,
  AttestationRegistry__factory,
  IdentityRegistry__factory,
  ReserveGuard__factory,
  SomStablecoin__factory,
  SomSupplyController__factory,
} from "../../typechain-types";
import { assetIdFrom } from "../assets/ids";
import { SOM_RESERVES, signReport, submitSignedReport, writeSignatureFile, readSignatureFile } from "../attestation";
import { describeRevert } from "../chain/chainErrors";
import type { ReportForRegistry } from "../attestation";
import { loadDeployConfig } from "../deploy/config";
import { readRecords, recordsRoot } from "../chain/records";
import { localAccountWallet as localWallet } from "../chain/localKeys";
import { assetRecordName, syncAssetRecords } from "../assets/records";
import { deploySystem } from "../deploy/system";
import { writeReserveReport } from "../report/run";
import { proposeSignExecute } from "../custody/flow";
import type { CallRequest } from "../chain/calls";
import { randomAuthorizationNonce, signTransferWithAuthorization } from "../stablecoin/signatures";
import { formatAmount, parseAmount, parseDecimal } from "../chain/amounts";
import { Narrator, StepFailedError } from "./narrator";
import { runMarketScenario } from "./market";
import { callSignatureText, formatTime, waitForChainTime } from "../guard";
import type { AnnouncedCall } from "../guard";
import { UserError } from "../chain/errors";

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
const ACCOUNT = {
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
  [9, "holder A"],
  [11, "relayer"],
  [13, "asset enforcer (never the KYC officer)"],
  [14, "regulator (counterparty licences)"],
  [15, "licensed counterparty (exchange)"],
  [16, "unlicensed address"],
  [17, "bitcoin custodian"],
];

async function expectRevert(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return describeRevert(err);
  }
  return "";
}

/** The main job cannot run here (a user-fixable reason). */
export class MainJobError extends UserError {}

export async function runLifecycle(o: LifecycleOptions): Promise<void> {
  const { hre } = o;
  // Records (and the reports written beside them) may live outside the checkout: SOM_DEPLOYMENTS_ROOT.
  const root = recordsRoot(o.root);
  const n = new Narrator(o.out);
  const { ethers } = hre;
  const network = hre.network.name;
  if (network !== "hardhat" && network !== "localhost") {
    throw new MainJobError(`the main job uses local test accounts; run it on hardhat or localhost, not ${network}`);
  }
  const signers: Signer[] = await ethers.getSigners();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "som-main-"));
  try {
    await lifecycle(o, n, root, work, signers);
  } finally {
    // Proposals and signature files of this run live in `work`: removed whatever happened.
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function lifecycle(
  o: LifecycleOptions,
  n: Narrator,
  root: string,
  work: string,
  signers: Signer[],
): Promise<void> {
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
  // A rerun on the same node: the earlier run governed the system through the Safe (e.g. the market
  // chapter's BURNER_ROLE for its RedemptionDesk), so such differences are shown, not fatal.
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
  const custodians = ACCOUNT.custodians.slice(0, 2).map(localWallet);
  const chainId = BigInt((await ethers.provider.getNetwork()).chainId);
  const now = async (): Promise<bigint> => BigInt((await ethers.provider.getBlock("latest"))?.timestamp ?? 0);

  // The deployment's ReserveGuard (deploy config reserveSafe.guard): the Safe's delayed calls (upgrades, role
  // grants, reserve and minter settings, guard settings) are announced by a custodian and wait out its delay.
  const guardRecord = readRecords(root, network).find((r) => r.name === "ReserveGuard");
  const guard = guardRecord ? ReserveGuard__factory.connect(guardRecord.address, ethers.provider) : undefined;
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

  // The call rule is guard configuration: announced by a custodian, the guard's delay passed, executed by the Safe.
  const setCallRule = async (rule: string, what: string): Promise<void> => {
    if (!guard || !guardRecord) throw new StepFailedError("guard", "the deployment has no ReserveGuard");
    await custody(what, [{ fn: "setCallRule", contract: "ReserveGuard", args: [rule] }]);
    n.expect(
      (await guard.callRuleOf(safe)) === getAddress(rule),
      `the ReserveGuard's call rule for the reserve Safe is now ${rule}`,
    );
  };
  const previousRule = guard ? await guard.callRuleOf(safe) : ZeroAddress;
  if (previousRule !== ZeroAddress) {
    // A rerun on a long-lived node: the previous run's distribution rule (its own counterparty registry)
    // still governs the Safe; the story starts again from a Safe without one.
    n.say(`rerun: the reserve Safe still has the previous run's call rule ${previousRule}; lifting it the guard's way`);
    await setCallRule(ZeroAddress, "lift the previous run's call rule");
  }

  // ------------------------------------------------------------------ 1. reserves
  n.step("Attestors (central bank, custodian bank, auditor: 2 of 3 needed) attest the som reserves");
  const supply0 = await coin.totalSupply();
  const reserves = supply0 + som("5000000.00");
  await attest(
    SOM_RESERVES,
    reserves,
    `bank statement, reserve account, ${new Date().toISOString().slice(0, 10)}`,
    "SOM_RESERVES",
  );
  const [cached] = await coin.reserveSnapshot();
  n.expect(cached === reserves, `the stablecoin now caches attested reserves of ${fmt(cached)}`);

  // ------------------------------------------------------------------ 2. mint
  n.step("A minter mints into the reserve through the supply controller; a mint over the attested reserves is refused");
  const minter = SomSupplyController__factory.connect(rec("SomSupplyController"), s(ACCOUNT.minter));
  const reserveBefore = await coin.balanceOf(safe);
  n.tx(`mint ${fmt(som("1000000.00"))} into the reserve Safe`, await (await minter.mint(som("1000000.00"))).wait());
  n.expect(
    (await coin.balanceOf(safe)) === reserveBefore + som("1000000.00"),
    `the reserve holds ${fmt(await coin.balanceOf(safe))}`,
  );
  const tooMuch = reserves - (await coin.totalSupply()) + 1n;
  const refusal = await expectRevert(minter.mint(tooMuch));
  n.expect(
    refusal.startsWith("SomStablecoinMintExceedsReserves"),
    `minting ${fmt(tooMuch)} more is refused: ${refusal}`,
  );

  // ------------------------------------------------------------------ 3. distribute
  n.step("Custodians propose, sign offline (as files) and execute a distribution to a holder");
  const holderA = addr(ACCOUNT.holderA);
  await custody(`send ${fmt(som("250000.00"))} to holder A`, [
    { action: "distribute", contract: "SomStablecoin", args: [holderA, "250000.00"] },
  ]);
  n.expect((await coin.balanceOf(holderA)) >= som("250000.00"), `holder A holds ${fmt(await coin.balanceOf(holderA))}`);

  // ------------------------------------------------------------------ 4. EIP-3009
  n.step("Holder A pays holder B by EIP-3009 authorization, relayed by a third account");
  const holderBKey = Wallet.createRandom().connect(ethers.provider);
  const holderB = holderBKey.address;
  n.tx(
    `fund a fresh holder B ${holderB} with gas money`,
    await (await s(ACCOUNT.funder).sendTransaction({ to: holderB, value: parseDecimal("1", 18) })).wait(),
  );
  const bBefore = await coin.balanceOf(holderB);
  const t = await now();
  const authNonce = randomAuthorizationNonce();
  const auth = await signTransferWithAuthorization(
    localWallet(ACCOUNT.holderA),
    { name: await coin.name(), chainId, verifyingContract: await coin.getAddress() },
    { from: holderA, to: holderB, value: som("10000.00"), validAfter: 0n, validBefore: t + 3600n, nonce: authNonce },
  );
  const relayed = await coin
    .connect(s(ACCOUNT.relayer))
    ["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"](
      holderA,
      holderB,
      som("10000.00"),
      0n,
      t + 3600n,
      authNonce,
      auth.v,
      auth.r,
      auth.s,
    );
  n.tx(`relayer ${addr(ACCOUNT.relayer)} submits A's signed authorization`, await relayed.wait());
  n.expect((await coin.balanceOf(holderB)) === bBefore + som("10000.00"), `holder B received ${fmt(som("10000.00"))}`);

  // ------------------------------------------------------------------ 5. freeze and wipe
  n.step(
    "A court orders holder B frozen; the officer freezes at once, B cannot transfer; " +
      "the wipe with the order's reference is the Safe's, after the guard's delay",
  );
  const officer = coin.connect(s(ACCOUNT.officer));
  n.tx("compliance officer freezes holder B (instant: protective)", await (await officer.freeze(holderB)).wait());
  const blocked = await expectRevert(coin.connect(holderBKey).transfer(holderA, 1n));
  n.expect(blocked.startsWith("SomStablecoinAccountFrozen"), `B's transfer fails: ${blocked}`);
  const order = "KG-COURT-2026-117";
  const officerWipe = await expectRevert(officer.wipeFrozen.staticCall(holderB, encodeBytes32String(order)));
  n.expect(
    officerWipe.startsWith("AccessControlUnauthorizedAccount"),
    `the officer's key cannot wipe (DEFAULT_ADMIN_ROLE, the Safe's alone): ${officerWipe}`,
  );
  // The wipe destroys a balance: a delayed call of the Safe, announced to the ReserveGuard and waited out first
  // (the custodian cycle below announces it and passes the delay).
  const wiped = await coin.balanceOf(holderB);
  const supplyBeforeWipe = await coin.totalSupply();
  await custody(`wipe ${fmt(wiped)} of holder B under legal order ${order}`, [
    { action: "wipe", contract: "SomStablecoin", args: { account: holderB, legalOrderRef: order } },
  ]);
  n.expect(
    (await coin.balanceOf(holderB)) === 0n &&
      (await coin.totalSupply()) === supplyBeforeWipe - wiped &&
      (await coin.isFrozen(holderB)),
    "B's balance is 0, B stays frozen and the supply fell by the wiped amount",
  );

  // ------------------------------------------------------------------ 6. redemption
  n.step("Holder A redeems: sends tokens back to the reserve, the reserve burns them with a redemption reference");
  const redeem = som("50000.00");
  n.tx(
    `holder A returns ${fmt(redeem)} to the reserve`,
    await (await coin.connect(s(ACCOUNT.holderA)).transfer(safe, redeem)).wait(),
  );
  const supplyBeforeBurn = await coin.totalSupply();
  await custody(`burn ${fmt(redeem)} for redemption REDEEM-2026-0001`, [
    { action: "burn", contract: "SomStablecoin", args: ["50000.00", "REDEEM-2026-0001"] },
  ]);
  n.expect(
    (await coin.totalSupply()) === supplyBeforeBurn - redeem,
    `supply fell by ${fmt(redeem)} to ${fmt(await coin.totalSupply())}`,
  );

  // ------------------------------------------------------------------ 7. tokenization
  n.step(
    "A state building and a gold holding are tokenized into the reserve, valued by 2-of-3 attestation, " +
      "and shares go to a verified state agency",
  );
  // On a long-lived chain (localhost) a rerun needs new asset ids: the factory refuses duplicates.
  const fresh = async (key: string): Promise<string> =>
    (await factory.assetById(assetIdFrom(key))) === "0x0000000000000000000000000000000000000000"
      ? key
      : `${key}#run-${await now()}`;
  const building = {
    key: await fresh("cadastral:1-01-01-0001-0042"),
    name: "Bishkek, Chui Ave 42 (state building)",
    symbol: "BLDG42",
    cls: 0,
    shares: 1000n,
    value: som("850000000.00"),
  };
  const gold = {
    key: await fresh("vault:NBKR-GOLD-2026-11"),
    name: "Gold, 400 oz bars, NBKR vault",
    symbol: "AUKG",
    cls: 1,
    shares: 400n,
    value: som("1520000000.00"),
  };
  const assetParams = (a: typeof building) => ({
    assetId: `keccak:${a.key}`,
    name: a.name,
    symbol: a.symbol,
    decimals: 0,
    assetClass: a.cls,
    jurisdiction: 417,
    custodian: addr(ACCOUNT.officer),
    totalShares: String(a.shares),
    admin: safe,
    issuer: safe,
    enforcer: addr(ACCOUNT.enforcer),
    pauser: addr(ACCOUNT.officer),
  });
  const valuationAge = config.attestation.assetValuation;
  await custody("create both asset tokens and configure their valuation subjects", [
    { action: "createAsset", contract: "AssetFactory", args: [assetParams(building)] },
    { action: "createAsset", contract: "AssetFactory", args: [assetParams(gold)] },
    {
      action: "configureSubject",
      contract: "AttestationRegistry",
      args: [
        `keccak:${building.key}`,
        valuationAge.maxAge,
        valuationAge.maxChangeBps,
        "0x0000000000000000000000000000000000000000",
      ],
    },
    {
      action: "configureSubject",
      contract: "AttestationRegistry",
      args: [
        `keccak:${gold.key}`,
        valuationAge.maxAge,
        valuationAge.maxChangeBps,
        "0x0000000000000000000000000000000000000000",
      ],
    },
  ]);
  await syncAssetRecords({
    provider: ethers.provider,
    root,
    network,
    assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi,
  });
  const bToken = AssetToken__factory.connect(await factory.assetById(assetIdFrom(building.key)), s(ACCOUNT.deployer));
  const gToken = AssetToken__factory.connect(await factory.assetById(assetIdFrom(gold.key)), s(ACCOUNT.deployer));
  n.expect(
    (await bToken.getAddress()) !== "0x0000000000000000000000000000000000000000",
    `${building.symbol} at ${await bToken.getAddress()}, ${gold.symbol} at ${await gToken.getAddress()}`,
  );
  const agency = Wallet.createRandom().address;
  n.tx(
    "KYC officer verifies the State Property Agency (country 417, KYC for one year)",
    await (await identity.registerIdentity(agency, 417, (await now()) + 365n * 86400n)).wait(),
  );
  await attest(assetIdFrom(building.key), building.value, `appraisal of ${building.name}`, building.symbol);
  await attest(assetIdFrom(gold.key), gold.value, `vault certificate and assay, ${gold.name}`, gold.symbol);
  await custody("issue all shares into the reserve and send 100 building shares to the agency", [
    { action: "mint", contract: assetRecordName(building.symbol), args: [String(building.shares)] },
    { action: "mint", contract: assetRecordName(gold.symbol), args: [String(gold.shares)] },
    { action: "distribute", contract: assetRecordName(building.symbol), args: [agency, "100"] },
  ]);
  await custody(`restrict ${building.symbol} to Kyrgyz holders (state land and buildings: no foreign holders)`, [
    { action: "setAllowedCountries", contract: assetRecordName(building.symbol), args: [[417]] },
  ]);
  n.expect(
    !(await bToken.isCountryAllowed(840)) && (await bToken.isCountryAllowed(417)),
    `${building.symbol} holders: country 417 only`,
  );
  n.expect(
    (await bToken.balanceOf(agency)) === 100n && (await bToken.balanceOf(safe)) === building.shares - 100n,
    `the agency holds 100 ${building.symbol}, the reserve ${building.shares - 100n}`,
  );
  const [bValue, , bFresh] = await bToken.valuation();
  n.expect(
    bValue === building.value && bFresh,
    `${building.symbol} valued ${formatAmount(bValue, { decimals, symbol: "som" })} (fresh)`,
  );

  const installRule = guard
    ? (rule: string) =>
        setCallRule(rule, "install the distribution rule as the ReserveGuard's call rule for the reserve Safe")
    : undefined;
  await runMarketScenario({
    hre,
    root,
    network,
    safe,
    narrator: n,
    custody,
    attest,
    valuation: valuationAge,
    installRule,
  }); // primary market, mined bitcoin
  // ------------------------------------------------------------------ 8. report
  n.step("The reserve report");
  const out = await writeReserveReport({
    provider: ethers.provider,
    network,
    root,
    outDir: path.join(root, "reports", network),
    assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi,
  });
  for (const line of out.text.split("\n")) n.say(line);
  n.say(`(also written to ${path.relative(root, out.jsonFile)} and ${path.relative(root, out.htmlFile)})`);
  n.expect(
    out.report.warnings.every((w) => !/ABOVE|stale/.test(w)),
    "supply is within fresh attested reserves",
  );
}
