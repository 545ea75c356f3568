/**
 * `npm run upgrade -- --network <name> --target SomStablecoin --implementation SomStablecoinV2 --out proposals/upgrade.json`
 * Prepares and validates the new implementation, then writes a Safe proposal for the custodians
 * (sign it with scripts/custodian/sign.ts, execute with scripts/custodian/execute.ts).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { recordsRoot } from "../src/deploy/records";

async function main(): Promise<void> {
  const { values: o } = parseArgs({
    options: { network: { type: "string" }, target: { type: "string" }, implementation: { type: "string" }, out: { type: "string" }, safe: { type: "string" } },
  });
  if (!o.target || !o.implementation || !o.out) {
    throw new Error("usage: npm run upgrade -- --network <name> --target <record> --implementation <Contract> --out <proposal.json>");
  }
  process.env.HARDHAT_NETWORK = o.network ?? "hardhat";
  const hre = (await import("hardhat")).default;
  const { prepareUpgradeProposal } = await import("../src/deploy/upgrade");
  await hre.run("compile", { quiet: true });
  const res = await prepareUpgradeProposal({ hre, root: recordsRoot(path.join(__dirname, "..")), target: o.target, implementation: o.implementation, out: o.out, safe: o.safe });
  console.log([...res.proposal.summary, `New ${res.kind} implementation ${res.newImplementation} (storage layout validated)`, `SafeTx hash ${res.proposal.safeTxHash}`, `Wrote ${o.out}: custodians sign it offline, then execute.`].join("\n"));
}

main().catch((e: unknown) => {
  console.error(`upgrade: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
