/**
 * Builds a proposal file (needs a chain: decimals, symbols, owners and nonce are read from it):
 *   HARDHAT_NETWORK=<network> npx ts-node scripts/custodian/propose.ts --action distribute --contract SomStablecoin
 *     --arg to=0xHolder --arg value=250.50 [--safe ReserveSafe] [--nonce N] --out proposals/p.json
 *   ... --batch batch.json --out proposals/p.json      (several calls through MultiSendCallOnly)
 * See docs/custodian.md.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { readRecords, recordsRoot } from "../../src/deploy/records";
import { assembleProposal, buildCall, currentNonce, loadProposalContext, parseArgFlags, parseBatch } from "../../src/safe/actions";
import { deploymentForChain } from "../../src/safe/artifacts";
import { resolveAddress } from "../../src/safe/context";
import { proposalToJson } from "../../src/safe/proposal";
import { announcementPlan, callsNeedingAnnouncement, guardDelayOf, guardFromRecords } from "../../src/guard";

async function main(): Promise<void> {
  const { values: o } = parseArgs({
    options: {
      action: { type: "string" }, fn: { type: "string" }, contract: { type: "string" }, arg: { type: "string", multiple: true },
      batch: { type: "string" }, safe: { type: "string", default: "ReserveSafe" }, nonce: { type: "string" }, out: { type: "string" },
      description: { type: "string" },
    },
  });
  if (!o.out) throw new Error("--out <file> is required");
  const requests = o.batch
    ? parseBatch(JSON.parse(fs.readFileSync(o.batch, "utf8")), o.batch)
    : [{ action: o.action, fn: o.fn, contract: o.contract ?? "", args: parseArgFlags(o.arg ?? []) }];
  const hre = (await import("hardhat")).default;
  const records = readRecords(recordsRoot(process.cwd()), hre.network.name);
  const chainId = Number((await hre.ethers.provider.getNetwork()).chainId);
  const safe = resolveAddress({ records: records.map((r) => ({ ...r, abi: [] })), owners: [], threshold: 0 }, o.safe);
  const context = await loadProposalContext(hre.ethers.provider, records, safe);
  const nonce = o.nonce !== undefined ? BigInt(o.nonce) : await currentNonce(hre.ethers.provider, safe);
  const calls = requests.map((r) => buildCall(context, r));
  const multiSendCallOnly = deploymentForChain("MultiSendCallOnly", chainId)?.address;
  const description = o.description ?? requests.map((r) => `${r.action ?? r.fn} on ${r.contract}`).join(" + ");
  const proposal = assembleProposal({ chainId, safe, nonce, calls, context, multiSendCallOnly, description });
  fs.writeFileSync(o.out, proposalToJson(proposal), { flag: "wx" });
  console.log([...proposal.summary, `SafeTx hash ${proposal.safeTxHash}`, `Wrote ${o.out}`].join("\n"));
  // ReserveGuard (docs/guard.md): the announcement step of self-calls and guard configuration
  const guard = guardFromRecords(records);
  if (guard && callsNeedingAnnouncement(safe, guard, proposal.safeTx).length > 0) {
    const now = BigInt((await hre.ethers.provider.getBlock("latest"))?.timestamp ?? 0);
    console.log(announcementPlan(proposal, guard, await guardDelayOf(hre.ethers.provider, guard, safe), now, hre.network.name, o.out).join("\n"));
  }
}

main().catch((e: unknown) => {
  console.error(`propose: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
