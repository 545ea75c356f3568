/**
 * `npm run report -- --network <name>`: prints the reserve report of a network that has deployment
 * records and writes reports/<network>/reserve-report.{json,html} (JSON shape: docs/report.md),
 * with the event-scan cache reports/<network>/history-cache.json (a rerun reads only new blocks).
 * A user error prints one line and exits 1; every RPC call has a timeout.
 */
import hre from "hardhat";
import path from "node:path";
import { isUserError } from "../src/common/errors";
import { recordsRoot } from "../src/deploy/records";
import { writeReserveReport } from "../src/report/run";

async function main(): Promise<void> {
  const project = path.join(__dirname, "..");
  const root = recordsRoot(project);
  const network = hre.network.name;
  const out = await writeReserveReport({
    provider: hre.ethers.provider,
    network,
    root,
    configRoot: project,
    outDir: path.join(root, "reports", network),
  });
  console.log(out.text);
  console.log(`\nWrote ${path.relative(root, out.jsonFile)} and ${path.relative(root, out.htmlFile)}`);
}

main().catch((err: unknown) => {
  if (isUserError(err)) {
    console.error(`error: ${err.message.split("\n")[0]}`);
    process.exitCode = 1;
  } else {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 2;
  }
});
