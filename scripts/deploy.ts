/**
 * `npm run deploy -- [--network <name>] [--dry-run]`
 *
 * Deploys the whole system with deploy/config/<network>.json (default network: the in-process
 * "hardhat" chain), resumably, and records it under deployments/<network>/. `--dry-run` deploys
 * the same configuration to a throwaway in-process chain, prints the plan and its gas, and removes
 * its temporary records.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runCommand } from "../src/chain/cli";
import { recordsRoot } from "../src/chain/records";

const ROOT = path.join(__dirname, "..");

void runCommand(
  {
    usage: "npm run deploy -- [--network hardhat|localhost|sepolia|bscTestnet] [--dry-run]",
    help: [
      "Deploys the system described by deploy/config/<network>.json and hands every power to the reserve Safe.",
      "A run that was interrupted (killed, network down) is resumed by running the same command again:",
      "the journal deployments/<network>/.som/journal.json says what was done; nothing is sent twice.",
      "A changed configuration is refused before anything is sent, naming the changed fields.",
      "",
      "  --network <name>  network of hardhat.config.ts (default: hardhat, the in-process chain)",
      "  --dry-run         deploy to a throwaway in-process chain and print the plan and its gas",
      "",
      "Deployer key: DEPLOYER_PRIVATE_KEY, or DEPLOYER_KEYSTORE (encrypted JSON keystore) with its",
      "password in DEPLOYER_KEYSTORE_PASSWORD (prompted when unset and run in a terminal).",
    ].join("\n"),
    options: { network: { type: "string" }, "dry-run": { type: "boolean" } },
  },
  async (o) => {
    const network = typeof o.network === "string" ? o.network : "hardhat";
    const dryRun = o["dry-run"] === true;
    // Hardhat reads the network from the environment when loaded as a library.
    process.env.HARDHAT_NETWORK = dryRun ? "hardhat" : network;
    const { runDeployment } = await import("../src/deploy/cli");
    const root = dryRun ? fs.mkdtempSync(path.join(os.tmpdir(), "som-dry-run-")) : recordsRoot(ROOT);
    try {
      process.exitCode = await runDeployment({ configNetwork: network, root, projectRoot: ROOT, dryRun, log: (l) => console.log(l) });
    } finally {
      if (dryRun) fs.rmSync(root, { recursive: true, force: true });
    }
  },
);
