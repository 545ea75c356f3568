/**
 * `safe:status`: the Safe read from chain (owners and threshold written into YOUR records, differences shown),
 * the proposals of a folder with their verified signatures and state, the ReserveGuard's pending
 * announcements (also written as announcement records for the offline sign), the asset records the factory
 * created since, and the CounterpartyRegistry's licensed counterparties onto its record. Hardhat is loaded lazily.
 */
import { options } from "../../chain/cli";
import type {} from "@nomicfoundation/hardhat-ethers";
import { UserError, stringOption, withTimeout } from "../../chain";
import type { CommandSpec, ParsedOptions } from "../../chain";
import { loadHardhat } from "../../chain/hardhat";
import { readRecords, recordsRoot, writeRecord } from "../../chain/records";
import type { ContractRecord } from "../../chain/records";
import { deploymentForChain } from "../../safe/artifacts";
import { loadProposalContext } from "../actions";
import { describeAnnouncements, guardFromRecords, recordAnnouncements } from "../announcements";
import { decodeCall } from "../decode";
import { describeCall } from "../describe";
import { describeStatus, safeStatus } from "../status";
import { refreshSafeField } from "../trusted";
import { onChain, selectNetwork } from "../../chain";

const USAGE = "npm run safe:status -- [--network <name>] [--dir proposals] [--safe ReserveSafe]";

export const STATUS_COMMAND: CommandSpec = {
  usage: USAGE,
  help: "Shows the Safe and the proposals of a folder; refreshes owners/threshold in your records.",
  options: options("network", "dir", "safe"),
};

/** Prints the Safe's status and refreshes the records it completes from chain. */
export async function status(o: ParsedOptions, print: (text: string) => void): Promise<void> {
  const network = selectNetwork(o);
  await onChain(network, async () => {
    const dir = stringOption(o, "dir") ?? "proposals";
    const safeName = stringOption(o, "safe") ?? "ReserveSafe";
    const root = recordsRoot(process.cwd());
    const records = readRecords(root, network);
    const rec = records.find((r) => r.name === safeName);
    if (!rec) throw new UserError(`no record "${safeName}" in deployments/${network}/`);
    const hre = await loadHardhat();
    // modules that need generated code, imported once Hardhat has compiled it (a fresh checkout: src/chain/hardhat.ts)
    const { syncAssetRecords } = await import("../../assets/records");
    const { recordCounterparties } = await import("../../market/counterparties");
    const provider = hre.ethers.provider;
    await withTimeout(provider.getBlockNumber(), `network "${network}"`);
    const s = await safeStatus(provider, rec.address, dir, rec.blockNumber);
    if (s.chainId !== rec.chainId)
      throw new UserError(`network "${network}" is chain ${s.chainId}, your records are for chain ${rec.chainId}`);
    const { safe, changes } = refreshSafeField(rec.safe, { owners: s.owners, threshold: s.threshold });
    if (changes.length > 0) writeRecord(root, network, { ...rec, safe });
    print(describeStatus(s, (a) => safe.owners.find((x) => x.address === a)?.label).join("\n"));
    print(
      changes.length > 0
        ? ["Records updated from chain:", ...changes.map((c) => `  ${c}`)].join("\n")
        : "Records: owners and threshold match the chain.",
    );
    await guardLines(provider, records, rec, dir, s.chainId, print);
    // Asset tokens the factory created since (e.g. by a Safe proposal): their records, so proposals and reviews name
    // them.
    if (records.some((r) => r.name === "AssetFactory")) {
      const added = await syncAssetRecords({
        provider,
        root,
        network,
        assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi,
      });
      if (added.length > 0)
        print(
          `  asset records added from the factory's AssetCreated events: ` +
            `${added.map((r) => `${r.name} ${r.address}`).join(", ")}`,
        );
    }
    // CounterpartyRegistry: the licensed counterparties, written onto its record for the offline sign's recipient
    // lines.
    const counterparties = await recordCounterparties(provider, root, network);
    if (counterparties) {
      const { entries, block } = counterparties.snapshot;
      print(
        `  counterparties: ${entries.length} licensed, ` +
          `${entries.filter((e) => e.eligible).length} eligible at block ${block}, ` +
          `written to your record ${counterparties.record.name}`,
      );
    }
  });
}

/** ReserveGuard: pending announcements, also written into your records for the offline sign (--announcements). */
async function guardLines(
  provider: Parameters<typeof safeStatus>[0],
  records: readonly ContractRecord[],
  rec: ContractRecord,
  dir: string,
  chainId: number,
  print: (text: string) => void,
): Promise<void> {
  const guard = guardFromRecords(records);
  if (!guard) return;
  const { file, pending } = await recordAnnouncements(provider, guard, rec.address, dir);
  const env = {
    chainId,
    safe: rec.address,
    multiSendCallOnly: deploymentForChain("MultiSendCallOnly", chainId)?.address,
    context: await loadProposalContext(provider, records, rec.address),
  };
  print(
    [
      ...describeAnnouncements(guard, pending, (call) => describeCall(decodeCall(env, call))),
      `  announcement records written to ${file} (give it to safe:sign with --announcements)`,
    ].join("\n"),
  );
}
