/**
 * `safe:execute`: one review of the proposal against the network's records (printed), the ReserveGuard's
 * announcements checked on chain (refused with their time, or waited for with --wait), then the execution
 * from that same review. Hardhat is loaded lazily (this command needs the network).
 */
import { options } from "../../chain/cli";
import type {} from "@nomicfoundation/hardhat-ethers";
import { UserError, listOption, requireOption, withTimeout } from "../../chain";
import type { CommandSpec, ParsedOptions } from "../../chain";
import { loadHardhat } from "../../chain/hardhat";
import { readRecords, recordsRoot } from "../../chain/records";
import { formatTime } from "../../guard/calls";
import { waitForChainTime } from "../../guard/wait";
import { announcementsDueAt, guardFromRecords } from "../announcements";
import { executeReviewed } from "../execute";
import { mergeSignatureFile, readProposal, readSignatureFile } from "../proposal";
import { describeReview, reviewProposal } from "../review";
import { trustedView } from "../trusted";
import { allowedRisks } from "./options";
import { onChain, selectNetwork } from "../../chain";

const USAGE =
  "npm run safe:execute -- [--network <name>] --proposal <file> [--signatures <sig.json>]... " +
  "[--allow-risk <code>]... [--wait]";

/**
 * Networks whose node mines a block on request (src/deploy/config.ts LOCAL_NETWORKS; the deploy layer sits above this
 * one).
 */
const LOCAL_NETWORKS: readonly string[] = ["hardhat", "localhost"];

export const EXECUTE_COMMAND: CommandSpec = {
  usage: USAGE,
  help: [
    "Executes a proposal once enough owners signed (in the file or in detached signature files).",
    "  --wait   when the guard's announced delay has not passed yet, wait for the chain to reach it (a local",
    "           node mines a block once the time has come) instead of refusing",
  ].join("\n"),
  options: options("network", "proposal", "signatures[]", "allow-risk[]", "wait?"),
};

/**
 * Reviews once, prints the review, executes from it and prints the effects; false when the Safe reported
 * ExecutionFailure.
 */
export async function execute(o: ParsedOptions, print: (text: string) => void): Promise<boolean> {
  const network = selectNetwork(o);
  // every option value and file is checked before anything is read from the chain (one line, exit 1)
  const file = requireOption(o, "proposal", USAGE);
  const allow = allowedRisks(o);
  const signatureFiles = listOption(o, "signatures").map((f) => ({ f, s: readSignatureFile(f) }));
  let proposal = readProposal(file);
  for (const { f, s } of signatureFiles) proposal = mergeSignatureFile(proposal, s, f);
  return onChain(network, async () => {
    const records = readRecords(recordsRoot(process.cwd()), network);
    if (records.length === 0) throw new UserError(`no deployment records in deployments/${network}/`);
    const view = trustedView(records);
    const review = reviewProposal(proposal, view, file);
    print(describeReview(review).join("\n"));
    const hre = await loadHardhat();
    const [executor] = await withTimeout(hre.ethers.getSigners(), "accounts of the network");
    if (!executor) throw new UserError(`no executor account on network "${network}": set DEPLOYER_PRIVATE_KEY`);
    // ReserveGuard: announced and due, or refused here with the reason (nothing sent)
    const dueAt = await announcementsDueAt(hre.ethers.provider, guardFromRecords(records), proposal);
    const latest = BigInt((await withTimeout(hre.ethers.provider.getBlock("latest"), "latest block"))?.timestamp ?? 0);
    if (dueAt > latest) {
      if (o.wait !== true)
        throw new UserError(
          `announced, executable from ${formatTime(dueAt)} (in ${dueAt - latest} s of chain time): ` +
            `run again then, or add --wait`,
        );
      print(`announced, executable from ${formatTime(dueAt)}: waiting for the chain (${dueAt - latest} s)`);
      await waitForChainTime(hre.ethers.provider, dueAt, {
        advanceLocalClock: false,
        mineWhenDue: LOCAL_NETWORKS.includes(network),
        pollMs: 2000,
      });
    }
    const result = await executeReviewed(executor, review, view, { allow });
    print(
      [
        `${result.success ? "EXECUTED" : "FAILED"} in ${result.transactionHash}, gas ${result.gasUsed}`,
        "Effects:",
        ...result.effects.map((l) => `  ${l}`),
      ].join("\n"),
    );
    return result.success;
  });
}
