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
import { UsageError, one, parseArgs } from "../src/cli/args";
import { recordsRoot } from "../src/deploy/records";

const ROOT = path.join(__dirname, "..");

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), { values: ["network"], switches: ["dry-run", "help"] });
  if (args.switches.has("help")) {
    console.log("usage: npm run deploy -- [--network hardhat|localhost|sepolia|bscTestnet] [--dry-run]");
    return;
  }
  const network = one(args, "network") ?? "hardhat";
  const dryRun = args.switches.has("dry-run");
  // Hardhat reads the network from the environment when loaded as a library.
  process.env.HARDHAT_NETWORK = dryRun ? "hardhat" : network;
  const { runDeployment } = await import("../src/deploy/cli");
  const root = dryRun ? fs.mkdtempSync(path.join(os.tmpdir(), "som-dry-run-")) : recordsRoot(ROOT);
  process.exitCode = await runDeployment({ configNetwork: network, root, projectRoot: ROOT, dryRun, log: (l) => console.log(l) });
}

main().catch((err: unknown) => {
  console.error(err instanceof UsageError ? `usage error: ${err.message}` : err instanceof Error ? `error: ${err.message}` : err);
  process.exitCode = 1;
});
