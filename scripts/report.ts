/**
 * `npm run report -- --network <name>`: prints the reserve report of a network that has a
 * deployment record and writes reports/<network>/reserve-report.{json,html}.
 */
import hre from "hardhat";
import path from "node:path";
import { loadDeployConfig } from "../src/deploy/config";
import { writeReserveReport } from "../src/report/run";
import { recordsRoot } from "../src/deploy/records";

async function main(): Promise<void> {
  const project = path.join(__dirname, "..");
  const root = recordsRoot(project);
  const network = hre.network.name;
  let otherTokens: string[] = [];
  try {
    otherTokens = loadDeployConfig(project, network).otherReserveTokens.filter((a) => a.startsWith("0x"));
  } catch {
    // No config for this network: only the recorded contracts are reported.
  }
  const assetToken = await hre.artifacts.readArtifact("AssetToken");
  const out = await writeReserveReport({
    provider: hre.ethers.provider,
    network,
    root,
    outDir: path.join(root, "reports", network),
    assetTokenAbi: assetToken.abi,
    otherTokens,
  });
  console.log(out.text);
  console.log(`\nWrote ${path.relative(root, out.jsonFile)} and ${path.relative(root, out.htmlFile)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? `error: ${err.message}` : err);
  process.exitCode = 1;
});
