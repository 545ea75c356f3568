/**
 * `npm run deploy -- [--network <name>] [--dry-run]`
 *
 * Deploys the whole system with deploy/config/<network>.json (default network: the in-process
 * "hardhat" chain), resumably, and records it under deployments/<network>/. `--dry-run` deploys
 * the same configuration to a throwaway in-process chain and prints the plan and its gas.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { recordsRoot } from "../src/deploy/records";

const ROOT = path.join(__dirname, "..");

async function main(): Promise<void> {
  const { values: o } = parseArgs({
    options: { network: { type: "string", default: "hardhat" }, "dry-run": { type: "boolean" }, help: { type: "boolean" } },
  });
  if (o.help) {
    console.log("usage: npm run deploy -- [--network hardhat|localhost|sepolia|bscTestnet] [--dry-run]");
    return;
  }
  const network = o.network ?? "hardhat";
  const dryRun = o["dry-run"] === true;
  // Hardhat reads the network from the environment when loaded as a library.
  process.env.HARDHAT_NETWORK = dryRun ? "hardhat" : network;
  const { runDeployment } = await import("../src/deploy/cli");
  const root = dryRun ? fs.mkdtempSync(path.join(os.tmpdir(), "som-dry-run-")) : recordsRoot(ROOT);
  process.exitCode = await runDeployment({ configNetwork: network, root, projectRoot: ROOT, dryRun, log: (l) => console.log(l) });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? `deploy: ${err.message}` : err);
  process.exitCode = 1;
});
