/**
 * `npm start` (in-process chain, no configuration) or `npm start -- --network localhost`:
 * walks the whole reserve lifecycle, narrating each step; exits non-zero if a step misses its effect
 * (src/mainjob/lifecycle.ts runs the steps, which live beside it).
 */
import { options } from "../src/chain/cli";
import path from "node:path";
import { runCommand, selectNetwork } from "../src/chain";
import { loadHardhat } from "../src/chain/hardhat";

void runCommand(
  {
    usage: "npm start -- [--network hardhat|localhost]",
    help: [
      'Runs the whole reserve lifecycle on a local chain and narrates it: deploy (resumable; "[k/n]"',
      "counts the deployment's steps), attest the reserves, mint, distribute through the Safe",
      "(propose, sign offline, execute), pay by EIP-3009, freeze and wipe, redeem, tokenize assets, report.",
      '"@account:N" is the N-th local test account of Hardhat\'s default mnemonic (the job prints who is who).',
      "It can run again on the same `npx hardhat node` (fresh holder keys each run). Amounts are in som,",
      "with base units beside them. Exits 1 when a step does not have its expected effect.",
      "",
      "  --network <name>  hardhat (default, in-process; or HARDHAT_NETWORK) or localhost (npx hardhat node)",
    ].join("\n"),
    options: options("network"),
  },
  async (o) => {
    selectNetwork(o);
    const started = Date.now();
    const hre = await loadHardhat();
    const { runLifecycle } = await import("../src/mainjob/lifecycle");
    console.log(`Som reserve: the whole lifecycle on network "${hre.network.name}"`);
    try {
      await runLifecycle({ hre, root: path.join(__dirname, ".."), out: (line) => console.log(line) });
    } catch (err) {
      console.error("\nMAIN JOB FAILED (the reason follows)");
      throw err;
    }
    console.log(`\nAll steps had their expected effect (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  },
);
