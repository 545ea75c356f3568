/**
 * The main job: the whole reserve lifecycle on one chain, narrated step by step. Every step calls
 * the same library the CLIs and tests use (deployment, attestation, custodian tooling, stablecoin
 * signatures, asset helpers); nothing here re-implements a step. Each step checks its effect on
 * chain and throws {@link StepFailedError} otherwise.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type {} from "@nomicfoundation/hardhat-ethers";
import type { Signer } from "ethers";
import { recordsRoot } from "../chain/records";
import { writeReserveReport } from "../report/run";
import { Narrator } from "./narrator";
import { MARKET_ACCOUNT, runMarketScenario } from "./market";
import { UserError } from "../chain/errors";
import { ACCOUNT, setUpJob } from "./context";
import type { JobContext, LifecycleOptions } from "./context";
import { distributeAndPay, freezeWipeAndRedeem, reservesAndMint } from "./phases";
import { tokenizeAssets } from "./tokenization";

export type { LifecycleOptions } from "./context";

/** The main job cannot run here (a user-fixable reason). */
export class MainJobError extends UserError {}

/** How many unlocked accounts of the test mnemonic the job signs with: its highest local account index, plus one. */
export function accountsNeeded(): number {
  return Math.max(...Object.values({ ...ACCOUNT, ...MARKET_ACCOUNT }).flat()) + 1;
}

export async function runLifecycle(o: LifecycleOptions): Promise<void> {
  const { hre } = o;
  // Records (and the reports written beside them) may live outside the checkout: SOM_DEPLOYMENTS_ROOT.
  const root = recordsRoot(o.root);
  const n = new Narrator(o.out);
  const { ethers } = hre;
  const network = hre.network.name;
  if (network !== "hardhat" && network !== "localhost") {
    throw new MainJobError(`the main job uses local test accounts; run it on hardhat or localhost, not ${network}`);
  }
  const signers: Signer[] = await ethers.getSigners();
  const needed = accountsNeeded();
  if (signers.length < needed) {
    throw new MainJobError(
      `the main job signs with ${needed} local accounts and the node of network ${network} unlocks ` +
        `${signers.length}: start it with \`npx hardhat node\` (20 accounts) or \`anvil --accounts 20\``,
    );
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "som-main-"));
  try {
    await lifecycle(o, n, root, work, signers);
  } finally {
    // Proposals and signature files of this run live in `work`: removed whatever happened.
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function lifecycle(
  o: LifecycleOptions,
  n: Narrator,
  root: string,
  work: string,
  signers: Signer[],
): Promise<void> {
  const c = await setUpJob(o, n, root, work, signers); // 0. deploy
  await reservesAndMint(c); // 1. reserves, 2. mint
  const holderBKey = await distributeAndPay(c); // 3. distribute, 4. EIP-3009
  await freezeWipeAndRedeem(c, holderBKey); // 5. freeze and wipe, 6. redemption
  await tokenizeAssets(c); // 7. tokenization
  await marketAndReport(c);
}

/** The primary market and mined bitcoin chapters (./market.ts), then step 8: the reserve report. */
async function marketAndReport(c: JobContext): Promise<void> {
  const { hre, n, root, network, safe, guard, custody, attest } = c;
  const { ethers } = hre;
  const valuationAge = c.config.attestation.assetValuation;
  await runMarketScenario({
    hre,
    root,
    network,
    safe,
    narrator: n,
    custody,
    attest,
    valuation: valuationAge,
    guard: guard ? await guard.getAddress() : undefined,
  }); // primary market, mined bitcoin
  // ------------------------------------------------------------------ 8. report
  n.step("The reserve report");
  const out = await writeReserveReport({
    provider: ethers.provider,
    network,
    root,
    outDir: path.join(root, "reports", network),
    assetTokenAbi: (await hre.artifacts.readArtifact("AssetToken")).abi,
  });
  for (const line of out.text.split("\n")) n.say(line);
  n.say(`(also written to ${path.relative(root, out.jsonFile)} and ${path.relative(root, out.htmlFile)})`);
  n.expect(
    out.report.warnings.every((w) => !/ABOVE|stale/.test(w)),
    "supply is within fresh attested reserves",
  );
}
