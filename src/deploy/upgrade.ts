/**
 * Upgrades are never sent from a hot key: this prepares the new implementation (deployed and
 * storage-layout-validated by @openzeppelin/hardhat-upgrades against the proxy's current one) and
 * writes a Safe proposal file that the custodians review, sign offline and execute.
 */
import { options } from "../chain/cli";
import { selectNetwork } from "../chain/network";
import { loadHardhat } from "../chain/hardhat";
import fs from "node:fs";
import path from "node:path";
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type {} from "@nomicfoundation/hardhat-ethers";
import type {} from "@openzeppelin/hardhat-upgrades";
import { getAddress, keccak256 } from "ethers";
import { readRecords, syncRecordsWithChain, writeRecord } from "../chain/records";
import type { ContractRecord } from "../chain/records";
import { UserError } from "../chain/errors";
import { requireOption } from "../chain/cli";
import { outputFileOption, stringOption } from "../chain/options";
import type { CommandSpec, ParsedOptions } from "../chain/cli";
import { recordsRoot } from "../chain/records";
import { UPGRADES_POLLING_INTERVAL_MS } from "../chain/constants";
import { proposeCalls } from "../custody/assemble";
import { proposalToJson } from "../custody/proposal";
import type { Proposal } from "../custody/proposal";

export interface UpgradeProposalOptions {
  hre: HardhatRuntimeEnvironment;
  /** Folder that holds deployments/. */
  root: string;
  /** Record name of the proxy (UUPS) or beacon to upgrade, e.g. "SomStablecoin" or "AssetTokenBeacon". */
  target: string;
  /** Contract name of the new implementation, e.g. "SomStablecoin" after editing its source. */
  implementation: string;
  /** Where to write the proposal (refuses to overwrite). */
  out: string;
  /** Safe record name (default "ReserveSafe"). */
  safe?: string;
  /**
   * Constructor arguments of the new implementation (its immutables). Default: none, except for an
   * implementation whose constructor takes only the token (SomSupplyController): the live proxy's `token()`.
   */
  constructorArgs?: unknown[];
}

const TOKEN_ABI = ["function token() view returns (address)"];

/** `token()` of `address`, or undefined when it has no such function. */
async function tokenOf(hre: HardhatRuntimeEnvironment, address: string): Promise<string | undefined> {
  try {
    return getAddress(
      await new hre.ethers.Contract(address, TOKEN_ABI, hre.ethers.provider).getFunction("token").staticCall(),
    );
  } catch {
    return undefined;
  }
}

/** An upgrade that cannot be prepared as asked (user-fixable). */
export class UpgradeError extends UserError {}

export interface UpgradeProposal {
  proposal: Proposal;
  newImplementation: string;
  kind: "uups" | "beacon";
}

export async function prepareUpgradeProposal(o: UpgradeProposalOptions): Promise<UpgradeProposal> {
  const { hre } = o;
  const network = hre.network.name;
  // Upgrades executed since the records were written are reflected first (current implementation).
  await syncRecordsWithChain(hre.ethers.provider, o.root, network);
  const records = readRecords(o.root, network);
  const target = records.find((r) => r.name === o.target);
  if (!target) throw new UpgradeError(`no record "${o.target}" in deployments/${network}/`);
  const safeRecord = records.find((r) => r.name === (o.safe ?? "ReserveSafe"));
  if (!safeRecord) throw new UpgradeError(`no record "${o.safe ?? "ReserveSafe"}" in deployments/${network}/`);
  const kind = target.proxy?.kind;
  if (kind !== "uups" && kind !== "beacon")
    throw new UpgradeError(`${o.target} is not a UUPS proxy or a beacon (its record says ${kind ?? "no proxy"})`);
  if (fs.existsSync(o.out)) throw new UpgradeError(`${o.out} exists; choose another file`);

  let factory;
  try {
    factory = await hre.ethers.getContractFactory(o.implementation);
  } catch {
    throw new UpgradeError(
      `no compiled contract "${o.implementation}" in this project ` +
        `(the name of a contract under contracts/, e.g. SomStablecoin after changing its source)`,
    );
  }
  // A proxy whose implementation holds the token as an immutable (SomSupplyController) keeps it: the new
  // implementation is built with the live token unless told otherwise, and refused below if its token differs.
  const liveToken = kind === "uups" ? await tokenOf(hre, target.address) : undefined;
  const ctorInputs = factory.interface.deploy.inputs;
  const constructorArgs =
    o.constructorArgs ??
    (liveToken !== undefined && ctorInputs.length === 1 && ctorInputs[0].type === "address" ? [liveToken] : []);
  // Validates the storage layout against the current implementation and deploys the new one (once).
  const prepared = await hre.upgrades.prepareUpgrade(target.address, factory, {
    kind,
    pollingInterval: UPGRADES_POLLING_INTERVAL_MS,
    constructorArgs,
  });
  const newImplementation = typeof prepared === "string" ? prepared : ((await prepared.wait())?.contractAddress ?? "");
  if (!newImplementation) throw new UpgradeError("the upgrades plugin returned no implementation address");
  if (liveToken !== undefined) {
    const newToken = await tokenOf(hre, newImplementation);
    if (newToken !== liveToken) {
      throw new UpgradeError(
        `${o.implementation} at ${newImplementation} serves token ${newToken ?? "(none: no token())"}, ` +
          `but ${o.target} serves ${liveToken}: an upgrade must keep the token; no proposal written`,
      );
    }
  }

  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  // What custodians are shown for this implementation (docs/custodian.md "Upgrades"): recorded here, where it was
  // validated.
  const implRecord: ContractRecord = {
    name: `Implementation:${o.implementation}@${getAddress(newImplementation)}`,
    contract: o.implementation,
    address: getAddress(newImplementation),
    abi: factory.interface.formatJson() ? (JSON.parse(factory.interface.formatJson()) as unknown[]) : [],
    transactionHash: "prepared by npm run upgrade",
    blockNumber: 0,
    args: [],
    compiler: "hardhat",
    gitCommit: "",
    chainId,
    deployedAt: new Date().toISOString(),
    preparedImplementation: {
      contractName: o.implementation,
      runtimeCodeHash: keccak256(await hre.ethers.provider.getCode(newImplementation)),
      storageLayout:
        `compatible with the current implementation of ${o.target} ` +
        `(validated by @openzeppelin/hardhat-upgrades prepareUpgrade)`,
    },
  };
  writeRecord(o.root, network, implRecord);
  records.push(implRecord);
  const proposal = await proposeCalls({
    provider: hre.ethers.provider,
    records,
    safe: safeRecord.address,
    calls: [
      {
        action: kind === "uups" ? "upgrade" : "upgradeBeacon",
        contract: o.target,
        args: kind === "uups" ? [newImplementation, "0x"] : [newImplementation],
      },
    ],
    description: `upgrade ${o.target} to ${o.implementation} at ${newImplementation} (storage layout validated)`,
  });
  fs.writeFileSync(o.out, proposalToJson(proposal), { flag: "wx" });
  // Once the Safe executes it, the records follow (syncRecordsWithChain): new implementation, its ABI, history.
  writeRecord(o.root, network, {
    ...target,
    pendingUpgrade: {
      implementation: newImplementation,
      contract: o.implementation,
      abi: JSON.parse(factory.interface.formatJson()) as unknown[],
      proposal: o.out,
    },
  });
  return { proposal, newImplementation, kind };
}

const USAGE =
  "npm run upgrade -- --network <name> --target <record> --implementation <Contract> " +
  "--out <proposal.json> [--safe <record>]";

export const UPGRADE_COMMAND: CommandSpec = {
  usage: USAGE,
  help: [
    "Validates the storage layout of <Contract> against the proxy's current implementation (upgrades plugin),",
    "deploys the new implementation once, and writes a Safe proposal that upgrades <record> to it.",
    "Nothing is upgraded from a hot key: custodians review, sign offline and execute the proposal.",
    "",
    "  --network <name>          network of hardhat.config.ts (default: HARDHAT_NETWORK, else hardhat)",
    "  --target <record>         record under deployments/<network>/: " +
      "a UUPS proxy (e.g. SomStablecoin) or AssetTokenBeacon",
    "  --implementation <name>   contract of this project to upgrade to (e.g. SomStablecoin after editing its source)",
    "  --out <file>              where to write the proposal (never overwritten)",
    "  --safe <record>           the Safe's record (default ReserveSafe)",
  ].join("\n"),
  options: options("network", "target", "implementation", "out", "safe"),
};

/**
 * `npm run upgrade`: compiles, prepares the implementation, writes the proposal and prints it with its announcement
 * step.
 */
export async function upgradeCommand(o: ParsedOptions, print: (text: string) => void): Promise<void> {
  const target = requireOption(o, "target", USAGE);
  const implementation = requireOption(o, "implementation", USAGE);
  const out = outputFileOption(o, "out", { overwrite: false }) ?? requireOption(o, "out", USAGE);
  selectNetwork(o);
  const hre = await loadHardhat();
  await hre.run("compile", { quiet: true });
  // the repository's records (deployments/ at the root, two levels above this module)
  const root = recordsRoot(path.join(__dirname, "..", ".."));
  const res = await prepareUpgradeProposal({
    hre,
    root,
    target,
    implementation,
    out,
    safe: stringOption(o, "safe"),
  });
  print(
    [
      ...res.proposal.summary,
      `New ${res.kind} implementation ${res.newImplementation} (storage layout validated)`,
      `SafeTx hash ${res.proposal.safeTxHash}`,
      `Wrote ${out}: custodians sign it offline, then execute.`,
    ].join("\n"),
  );
  // An upgrade changes code: with the ReserveGuard it is a delayed call, announced first (docs/guard.md).
  const { announcementStep } = await import("../custody/announcements");
  const plan = await announcementStep(
    hre.ethers.provider,
    readRecords(root, hre.network.name),
    res.proposal,
    hre.network.name,
    out,
  );
  if (plan.length > 0) print(plan.join("\n"));
}
