/**
 * `npm run report -- --network <name>`: prints the reserve report of a network that has a
 * deployment record and writes reports/<network>/reserve-report.{json,html} (src/report/run.ts).
 * (Also runs as `npx hardhat --network <name> run scripts/report.ts`.)
 */
import { options } from "../src/chain/cli";
import path from "node:path";
import { runCommand, selectNetwork } from "../src/chain";
import { importCompiled } from "../src/chain/hardhat";

/** Under `hardhat run`, Hardhat owns the command line (and chose the network). */
const underHardhatRun = /hardhat/.test(process.argv[1] ?? "") && process.argv.includes("run");

void runCommand(
  {
    usage: "npm run report -- --network <name>",
    help: [
      "Reads deployments/<network>/ and the chain: supply, attested reserves (and their age), the reserve",
      "Safe's holdings, asset tokens with their valuations; prints it and writes JSON and standalone HTML",
      "to reports/<network>/. Records first follow any upgrade the Safe executed since they were written.",
      "",
      "  --network <name>  network of hardhat.config.ts (default: HARDHAT_NETWORK, else hardhat)",
    ].join("\n"),
    options: options("network"),
  },
  async (o) => {
    selectNetwork(o);
    const { reportCommand } = await importCompiled(() => import("../src/report/run"));
    console.log(await reportCommand(path.join(__dirname, "..")));
  },
  underHardhatRun ? [] : process.argv.slice(2),
);
