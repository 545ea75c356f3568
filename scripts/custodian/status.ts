/**
 * `npm run safe:status -- [--network <name>] [--dir proposals] [--safe ReserveSafe]`
 *
 * Chain id, the Safe's owners, threshold and nonce (read from chain, written into YOUR records with the
 * differences shown), and each proposal in --dir with its SafeTx hash, verified signature count (detached
 * signature files included) and state: READY, WAITING, EXECUTED or STALE. With a ReserveGuard, its pending
 * announcements; with a CounterpartyRegistry, its licensed counterparties (onto its record, for sign's
 * recipient lines); a record for each asset token the factory created since.
 */
import type {} from "@nomicfoundation/hardhat-ethers";
import { UserError, runCommand, withTimeout } from "../../src/chain";
import { onChain, selectNetwork } from "../../src/custody/commands";

const USAGE = "npm run safe:status -- [--network <name>] [--dir proposals] [--safe ReserveSafe]";

void runCommand(
  { usage: USAGE, help: "Shows the Safe and the proposals of a folder; refreshes owners/threshold in your records.", options: { network: { type: "string" }, dir: { type: "string" }, safe: { type: "string" } } },
  async (o) => {
    const network = selectNetwork(o);
    await onChain(network, async () => {
      const dir = typeof o.dir === "string" ? o.dir : "proposals";
      const safeName = typeof o.safe === "string" ? o.safe : "ReserveSafe";
      const { readRecords, recordsRoot, writeRecord } = await import("../../src/chain/records");
      const { describeStatus, safeStatus } = await import("../../src/custody/status");
      const { refreshSafeField } = await import("../../src/custody/trusted");
      const root = recordsRoot(process.cwd());
      const records = readRecords(root, network);
      const rec = records.find((r) => r.name === safeName);
      if (!rec) throw new UserError(`no record "${safeName}" in deployments/${network}/`);
      const hre = (await import("hardhat")).default;
      const provider = hre.ethers.provider;
      await withTimeout(provider.getBlockNumber(), `network "${network}"`);
      const status = await safeStatus(provider, rec.address, dir, rec.blockNumber);
      if (status.chainId !== rec.chainId) throw new UserError(`network "${network}" is chain ${status.chainId}, your records are for chain ${rec.chainId}`);
      const { safe, changes } = refreshSafeField(rec.safe, { owners: status.owners, threshold: status.threshold });
      if (changes.length > 0) writeRecord(root, network, { ...rec, safe });
      const label = (a: string): string | undefined => safe.owners.find((x) => x.address === a)?.label;
      console.log(describeStatus(status, label).join("\n"));
      console.log(changes.length > 0 ? ["Records updated from chain:", ...changes.map((c) => `  ${c}`)].join("\n") : "Records: owners and threshold match the chain.");
      // ReserveGuard: pending announcements, also written into your records for the offline sign (--announcements).
      const { describeAnnouncements, guardFromRecords, recordAnnouncements } = await import("../../src/custody/announcements");
      const guard = guardFromRecords(records);
      if (guard) {
        const { file, pending } = await recordAnnouncements(provider, guard, rec.address, dir);
        const { describeCall, decodeCall } = await import("../../src/custody/decode");
        const { loadProposalContext } = await import("../../src/custody/actions");
        const { deploymentForChain } = await import("../../src/safe/artifacts");
        const env = { chainId: status.chainId, safe: rec.address, multiSendCallOnly: deploymentForChain("MultiSendCallOnly", status.chainId)?.address, context: await loadProposalContext(provider, records, rec.address) };
        console.log([...describeAnnouncements(guard, pending, (call) => describeCall(decodeCall(env, call))), `  announcement records written to ${file} (give it to safe:sign with --announcements)`].join("\n"));
      }
      // Asset tokens the factory created since (e.g. by a Safe proposal): their records, so proposals and reviews name them.
      const { syncAssetRecords } = await import("../../src/assets/records");
      if (records.some((r) => r.name === "AssetFactory")) {
        const added = await syncAssetRecords({ provider, root, network, assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi });
        if (added.length > 0) console.log(`  asset records added from the factory's AssetCreated events: ${added.map((r) => `${r.name} ${r.address}`).join(", ")}`);
      }
      // CounterpartyRegistry: the licensed counterparties, written onto its record for the offline sign's recipient lines.
      const { recordCounterparties } = await import("../../src/market/counterparties");
      const counterparties = await recordCounterparties(provider, root, network);
      if (counterparties) {
        const { entries, block } = counterparties.snapshot;
        console.log(`  counterparties: ${entries.length} licensed, ${entries.filter((e) => e.eligible).length} eligible at block ${block}, written to your record ${counterparties.record.name}`);
      }
    });
  },
);
