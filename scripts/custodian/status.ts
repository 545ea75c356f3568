/**
 * Safe owners, threshold, nonce and the proposal files in a folder with who signed:
 *   HARDHAT_NETWORK=<network> npx ts-node scripts/custodian/status.ts [--safe ReserveSafe] [--dir proposals]
 */
import { parseArgs } from "node:util";
import { readRecords, recordsRoot } from "../../src/deploy/records";
import { resolveAddress } from "../../src/safe/context";
import { describeStatus, safeStatus } from "../../src/safe/status";
import { describeAnnouncements, guardFromRecords, recordAnnouncements } from "../../src/guard";

async function main(): Promise<void> {
  const { values: o } = parseArgs({ options: { safe: { type: "string", default: "ReserveSafe" }, dir: { type: "string", default: "proposals" } } });
  const hre = (await import("hardhat")).default;
  const records = readRecords(recordsRoot(process.cwd()), hre.network.name).map((r) => ({ ...r, abi: [] }));
  const safe = resolveAddress({ records, owners: [], threshold: 0 }, o.safe);
  console.log(describeStatus(await safeStatus(hre.ethers.provider, safe, o.dir)).join("\n"));
  // ReserveGuard: pending announcements, also written into the custodian's records for the offline sign
  const guard = guardFromRecords(records);
  if (guard) {
    const { file, pending } = await recordAnnouncements(hre.ethers.provider, guard, safe, o.dir);
    console.log([...describeAnnouncements(guard, pending), `  announcement records written to ${file} (give it to sign with --announcements)`].join("\n"));
  }
}

main().catch((e: unknown) => {
  console.error(`status: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
