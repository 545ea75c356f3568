/**
 * `npm run report -- --network <name>`: prints the reserve report of a network that has a
 * deployment record and writes reports/<network>/reserve-report.{json,html}.
 */
import hre from "hardhat";
import path from "node:path";
import { loadDeployConfig } from "../src/deploy/config";
import { writeReserveReport } from "../src/report/run";

async function main(): Promise<void> {
  const root = path.join(__dirname, "..");
  const network = hre.network.name;
  let otherTokens: string[] = [];
  try {
    otherTokens = loadDeployConfig(root, network).otherReserveTokens.filter((a) => a.startsWith("0x"));
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
