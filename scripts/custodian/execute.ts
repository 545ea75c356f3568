/**
 * `npm run safe:execute -- [--network <name>] --proposal <file> [--signatures <sig.json>]... [--allow-risk <code>]...`
 *
 * Re-runs the same review and risk policy as `safe:sign` against the network's deployment records, prints
 * only the verified summary, checks the signatures against the chain, simulates, then sends
 * execTransaction. The executor pays gas from the network's first account (DEPLOYER_PRIVATE_KEY on public networks).
 */
import type {} from "@nomicfoundation/hardhat-ethers";
import { UserError, listOption, requireOption, runCommand, withTimeout } from "../../src/common";
import { allowedRisks, onChain, selectNetwork } from "../../src/safe/commands";

const USAGE = "npm run safe:execute -- [--network <name>] --proposal <file> [--signatures <sig.json>]... [--allow-risk <code>]...";

void runCommand(
  {
    usage: USAGE,
    help: "Executes a proposal once enough owners signed (in the file or in detached signature files).",
    options: { network: { type: "string" }, proposal: { type: "string" }, signatures: { type: "string", multiple: true }, "allow-risk": { type: "string", multiple: true } },
  },
  async (o) => {
    const network = selectNetwork(o);
    await onChain(network, async () => {
      const file = requireOption(o, "proposal", USAGE);
      const allow = allowedRisks(o);
      const { mergeSignatureFile, readProposal, readSignatureFile } = await import("../../src/safe/proposal");
      const { readRecords, recordsRoot } = await import("../../src/deploy/records");
      const { trustedView } = await import("../../src/safe/trusted");
      const { describeReview, reviewProposal } = await import("../../src/safe/review");
      let proposal = readProposal(file);
      for (const f of listOption(o, "signatures")) proposal = mergeSignatureFile(proposal, readSignatureFile(f), f);
      const records = readRecords(recordsRoot(process.cwd()), network);
      if (records.length === 0) throw new UserError(`no deployment records in deployments/${network}/`);
      const view = trustedView(records);
      console.log(describeReview(reviewProposal(proposal, view, file)).join("\n"));
      const hre = (await import("hardhat")).default;
      const { executeProposal } = await import("../../src/safe/execute");
      const [executor] = await withTimeout(hre.ethers.getSigners(), "accounts of the network");
      if (!executor) throw new UserError(`no executor account on network "${network}": set DEPLOYER_PRIVATE_KEY`);
      const result = await executeProposal(executor, proposal, view, { allow });
      console.log([`${result.success ? "EXECUTED" : "FAILED"} in ${result.transactionHash}, gas ${result.gasUsed}`, "Effects:", ...result.effects.map((l) => `  ${l}`)].join("\n"));
      if (!result.success) process.exitCode = 1;
    });
  },
);
