/**
 * `npm run deploy -- [--network <name>] [--dry-run]`: deploys the system resumably and records it under
 * deployments/<network>/ (the library: src/deploy/cli.ts; the network: src/chain/network.ts).
 */
import { options } from "../src/chain/cli";
import path from "node:path";
import { runCommand, selectNetwork } from "../src/chain";
import { importCompiled } from "../src/chain/hardhat";

void runCommand(
  {
    usage: "npm run deploy -- [--network hardhat|localhost|sepolia|bscTestnet] [--dry-run]",
    help: [
      "Deploys the system described by deploy/config/<network>.json and hands every power to the reserve Safe.",
      "A run that was interrupted (killed, network down) is resumed by running the same command again:",
      "the journal deployments/<network>/.som/journal.json says what was done; nothing is sent twice.",
      "A changed configuration is refused before anything is sent, naming the changed fields.",
      "",
      "  --network <name>  network of hardhat.config.ts (default: HARDHAT_NETWORK, else hardhat, the in-process chain)",
      "  --dry-run         deploy to a throwaway in-process chain and print the plan and its gas",
      "",
      "Deployer key: DEPLOYER_PRIVATE_KEY, or DEPLOYER_KEYSTORE (encrypted JSON keystore) with its",
      "password in DEPLOYER_KEYSTORE_PASSWORD (prompted when unset and run in a terminal).",
    ].join("\n"),
    options: options("network", "dry-run?"),
  },
  async (o) => {
    const network = selectNetwork(o);
    const dryRun = o["dry-run"] === true;
    if (dryRun) process.env.HARDHAT_NETWORK = "hardhat"; // the throwaway chain, with <network>'s configuration
    const { deployCommand } = await importCompiled(() => import("../src/deploy/cli"));
    process.exitCode = await deployCommand({
      network,
      dryRun,
      projectRoot: path.join(__dirname, ".."),
      log: (l) => console.log(l),
    });
  },
);
