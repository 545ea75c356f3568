/**
 * `npm run report -- --network <name>`: prints the reserve report of a network that has a
 * deployment record and writes reports/<network>/reserve-report.{json,html}.
 * (Also runs as `npx hardhat --network <name> run scripts/report.ts`.)
 */
import path from "node:path";
import { runCommand } from "../src/chain/cli";

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
      "  --network <name>  network of hardhat.config.ts (default: hardhat)",
    ].join("\n"),
    options: { network: { type: "string" } },
  },
  async (o) => {
    if (typeof o.network === "string") process.env.HARDHAT_NETWORK = o.network;
    const hre = await (await import("../src/deploy/cli")).loadHardhat();
    const { writeReserveReport } = await import("../src/report/run");
    const { recordsRoot, syncRecordsWithChain } = await import("../src/chain/records");
    const project = path.join(__dirname, "..");
    const root = recordsRoot(project);
    const network = hre.network.name;
    await syncRecordsWithChain(hre.ethers.provider, root, network);
    const assetToken = await hre.artifacts.readArtifact("AssetToken");
    const out = await writeReserveReport({
      provider: hre.ethers.provider,
      network,
      root,
      outDir: path.join(root, "reports", network),
      assetTokenAbi: assetToken.abi,
      configRoot: project,
    });
    console.log(out.text);
    console.log(`\nWrote ${path.relative(root, out.jsonFile)} and ${path.relative(root, out.htmlFile)}`);
  },
  underHardhatRun ? [] : process.argv.slice(2),
);
