/**
 * Executes a signed proposal (checks, simulates, sends, prints the decoded effect):
 *   HARDHAT_NETWORK=<network> npx ts-node scripts/custodian/execute.ts --proposal p.json [--signatures s1.json --signatures s2.json]
 * The executor pays gas from the network's first account (DEPLOYER_PRIVATE_KEY on public networks).
 */
import { parseArgs } from "node:util";
import { executeProposal } from "../../src/safe/execute";
import { mergeSignatureFile, readProposal, readSignatureFile } from "../../src/safe/proposal";

async function main(): Promise<void> {
  const { values: o } = parseArgs({ options: { proposal: { type: "string" }, signatures: { type: "string", multiple: true } } });
  if (!o.proposal) throw new Error("--proposal <file> is required");
  let proposal = readProposal(o.proposal);
  for (const f of o.signatures ?? []) proposal = mergeSignatureFile(proposal, readSignatureFile(f), f);
  const hre = (await import("hardhat")).default;
  const [executor] = await hre.ethers.getSigners();
  console.log(proposal.summary.join("\n"));
  const result = await executeProposal(executor, proposal);
  console.log([`${result.success ? "EXECUTED" : "FAILED"} in ${result.transactionHash}, gas ${result.gasUsed}`, "Effects:", ...result.effects.map((l) => `  ${l}`)].join("\n"));
  if (!result.success) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(`execute: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
