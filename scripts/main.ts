/**
 * `npm start` (in-process chain, no configuration) or `npm start -- --network localhost`:
 * walks the whole reserve lifecycle, narrating each step; exits non-zero if any step does not
 * have its expected effect. The steps live in src/mainjob/lifecycle.ts.
 */
import hre from "hardhat";
import path from "node:path";
import { runLifecycle } from "../src/mainjob/lifecycle";

async function main(): Promise<void> {
  const started = Date.now();
  console.log(`Som reserve: the whole lifecycle on network "${hre.network.name}"`);
  await runLifecycle({ hre, root: path.join(__dirname, ".."), out: (line) => console.log(line) });
  console.log(`\nAll steps had their expected effect (${((Date.now() - started) / 1000).toFixed(1)} s).`);
}

main().catch((err: unknown) => {
  console.error(`\nMAIN JOB FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
