/**
 * `npm run safe:execute -- [--network <name>] --proposal <file> [--signatures <sig.json>]... [--allow-risk <code>]...`
 *
 * Re-runs the same review and risk policy as `safe:sign` against the network's deployment records, prints
 * only the verified summary, checks the signatures against the chain, simulates, then sends
 * execTransaction. The executor pays gas from the network's first account (DEPLOYER_PRIVATE_KEY on public networks).
 * With a ReserveGuard, every call that needs an announcement must be announced; one not yet due is refused with
 * its time, or waited for with --wait (the chain's time, never a transaction that would revert).
 */
import type {} from "@nomicfoundation/hardhat-ethers";
import { UserError, listOption, requireOption, runCommand, withTimeout } from "../../src/chain";
import { allowedRisks, onChain, selectNetwork } from "../../src/custody/commands";

const USAGE = "npm run safe:execute -- [--network <name>] --proposal <file> [--signatures <sig.json>]... [--allow-risk <code>]... [--wait]";

void runCommand(
  {
    usage: USAGE,
    help: [
      "Executes a proposal once enough owners signed (in the file or in detached signature files).",
      "  --wait   when the guard's announced delay has not passed yet, wait for the chain to reach it (a local",
      "           node mines a block once the time has come) instead of refusing",
    ].join("\n"),
    options: { network: { type: "string" }, proposal: { type: "string" }, signatures: { type: "string", multiple: true }, "allow-risk": { type: "string", multiple: true }, wait: { type: "boolean" } },
  },
  async (o) => {
    const network = selectNetwork(o);
    await onChain(network, async () => {
      const file = requireOption(o, "proposal", USAGE);
      const allow = allowedRisks(o);
      const { mergeSignatureFile, readProposal, readSignatureFile } = await import("../../src/custody/proposal");
      const { readRecords, recordsRoot } = await import("../../src/chain/records");
      const { trustedView } = await import("../../src/custody/trusted");
      const { describeReview, reviewProposal } = await import("../../src/custody/review");
      let proposal = readProposal(file);
      for (const f of listOption(o, "signatures")) proposal = mergeSignatureFile(proposal, readSignatureFile(f), f);
      const records = readRecords(recordsRoot(process.cwd()), network);
      if (records.length === 0) throw new UserError(`no deployment records in deployments/${network}/`);
      const view = trustedView(records);
      console.log(describeReview(reviewProposal(proposal, view, file)).join("\n"));
      const hre = (await import("hardhat")).default;
      const { executeProposal } = await import("../../src/custody/execute");
      const [executor] = await withTimeout(hre.ethers.getSigners(), "accounts of the network");
      if (!executor) throw new UserError(`no executor account on network "${network}": set DEPLOYER_PRIVATE_KEY`);
      // ReserveGuard: announced and due, or refused here with the reason (nothing sent)
      const { announcementsDueAt, guardFromRecords } = await import("../../src/custody/announcements");
      const { formatTime, waitForChainTime } = await import("../../src/guard");
      const { LOCAL_NETWORKS } = await import("../../src/deploy/config");
      const dueAt = await announcementsDueAt(hre.ethers.provider, guardFromRecords(records), proposal);
      const latest = BigInt((await withTimeout(hre.ethers.provider.getBlock("latest"), "latest block"))?.timestamp ?? 0);
      if (dueAt > latest) {
        if (o.wait !== true) throw new UserError(`announced, executable from ${formatTime(dueAt)} (in ${dueAt - latest} s of chain time): run again then, or add --wait`);
        console.log(`announced, executable from ${formatTime(dueAt)}: waiting for the chain (${dueAt - latest} s)`);
        await waitForChainTime(hre.ethers.provider, dueAt, { advanceLocalClock: false, mineWhenDue: (LOCAL_NETWORKS as readonly string[]).includes(network), pollMs: 2000 });
      }
      const result = await executeProposal(executor, proposal, view, { allow });
      console.log([`${result.success ? "EXECUTED" : "FAILED"} in ${result.transactionHash}, gas ${result.gasUsed}`, "Effects:", ...result.effects.map((l) => `  ${l}`)].join("\n"));
      if (!result.success) process.exitCode = 1;
    });
  },
);
