/**
 * A second client (issue 23): the deploy and the main job run on anvil 1.7.1, the Foundry node shipped on npm
 * (`@foundry-rs/anvil-linux-amd64`, an optional dependency: its binary is inside the package). Anvil gives
 * consecutive blocks the same timestamp within a second and answers Hardhat's `hardhat_metadata`; the commands must
 * neither rely on strictly increasing timestamps nor send a transaction that reverts. Every documented command line
 * runs on anvil too (test/docs/commands-localhost.test.ts).
 */
import { expect } from "chai";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { JsonRpcProvider } from "ethers";
import { PROJECT_ROOT } from "../helpers/cli";
import { anvilBinary, documentedAnvilArgs, startAnvil } from "../helpers/node";
import type { RunningNode } from "../helpers/node";

/** Runs a README command line verbatim (bash -c) in the project root. */
function run(command: string, env: NodeJS.ProcessEnv): { status: number | null; out: string } {
  const res = spawnSync("bash", ["-c", command], { cwd: PROJECT_ROOT, env, encoding: "utf8", timeout: 300_000 });
  return { status: res.status, out: `${res.stdout ?? ""}\n${res.stderr ?? ""}` };
}

/** Every transaction of blocks [from, latest] with its status, and whether two consecutive blocks shared a second. */
async function chainSince(provider: JsonRpcProvider, from: number) {
  const latest = await provider.getBlockNumber();
  const reverted: string[] = [];
  let transactions = 0;
  let sharedSecond = false;
  let previous: number | undefined;
  for (let n = from; n <= latest; n++) {
    const block = await provider.getBlock(n);
    if (!block) continue;
    if (previous !== undefined && block.timestamp === previous) sharedSecond = true;
    previous = block.timestamp;
    for (const hash of block.transactions) {
      transactions += 1;
      const receipt = await provider.getTransactionReceipt(hash);
      if (receipt?.status !== 1) reverted.push(hash);
    }
  }
  return { latest, transactions, reverted, sharedSecond };
}

describe("a second client: the deploy and the main job on anvil (the Foundry node, from npm)", function () {
  this.timeout(600_000);
  let node: RunningNode | undefined;
  let provider: JsonRpcProvider;
  let root: string;
  let env: NodeJS.ProcessEnv;

  before(async function () {
    if (!anvilBinary()) {
      console.log("      (anvil's npm package has no binary for this platform: skipped)");
      this.skip();
    }
    node = await startAnvil({ args: documentedAnvilArgs() });
    provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
    root = fs.mkdtempSync(path.join(os.tmpdir(), "som-anvil-"));
    env = { ...process.env, LOCALHOST_RPC_URL: node.url, SOM_DEPLOYMENTS_ROOT: root };
  });

  after(async function () {
    provider?.destroy();
    await node?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it("the documented `npx anvil …` is the node under test: same arguments in README.md and docs/custodian.md, the same binary", function () {
    expect(documentedAnvilArgs()).to.include.members(["--accounts", "--chain-id", "31337"]);
    expect(fs.realpathSync(path.join(PROJECT_ROOT, "node_modules", ".bin", "anvil"))).to.equal(
      fs.realpathSync(anvilBinary() as string),
    );
  });

  it("npm run deploy -- --network localhost completes where blocks share a second: no transaction reverts; a rerun sends nothing", async function () {
    const started = Date.now();
    const res = run("npm run deploy -- --network localhost", env);
    const seconds = (Date.now() - started) / 1000;
    expect(res.status, res.out).to.equal(0);
    expect(res.out).to.contain("Deployment on localhost complete");
    console.log(`      deploy on anvil: ${seconds.toFixed(1)} s`);
    const chain = await chainSince(provider, 0);
    expect(chain.reverted, "reverted transactions").to.deep.equal([]);
    expect(chain.transactions).to.be.greaterThan(40);
    expect(chain.sharedSecond, "anvil gave consecutive blocks the same second (the case under test)").to.equal(true);

    const again = run("npm run deploy -- --network localhost", env);
    expect(again.status, again.out).to.equal(0);
    expect(await provider.getBlockNumber(), "a rerun sends nothing").to.equal(chain.latest);
  });

  it("the main job runs its whole scenario on anvil (npm start -- --network localhost): no transaction reverts", async function () {
    const from = (await provider.getBlockNumber()) + 1;
    const res = run("npm start -- --network localhost", env);
    expect(res.status, res.out).to.equal(0);
    expect(res.out).to.contain("All steps had their expected effect");
    // The refusals it shows (a mint over the reserves, an unlicensed distribution, a frozen sender) are decoded from
    // anvil's raw revert data and never sent.
    expect(res.out).to.match(/more is refused: SomStablecoinMintExceedsReserves\(/);
    expect(res.out).to.match(/is refused: .*DistributionRuleNotEligible/);
    const chain = await chainSince(provider, from);
    expect(chain.reverted, "reverted transactions").to.deep.equal([]);
  });

  it("anvil's default 10 accounts: deploy and main job each say in one line how many accounts they need, nothing sent", async function () {
    const small = await startAnvil();
    try {
      const smallEnv = { ...env, LOCALHOST_RPC_URL: small.url, SOM_DEPLOYMENTS_ROOT: fs.mkdtempSync(`${root}-10-`) };
      const deploy = run("npm run deploy -- --network localhost", smallEnv);
      expect(deploy.status, deploy.out).to.equal(1);
      expect(deploy.out).to.match(/has only 10 unlocked accounts: start the node with at least 15 .*nothing was sent/);
      expect(deploy.out).to.not.match(/^\s+at /m);
      const job = run("npm start -- --network localhost", smallEnv);
      expect(job.status, job.out).to.equal(1);
      expect(job.out).to.match(/18/);
      expect(job.out).to.not.match(/^\s+at /m);
      const p = new JsonRpcProvider(small.url, undefined, { staticNetwork: true });
      expect(await p.getBlockNumber(), "nothing sent").to.equal(0);
      p.destroy();
    } finally {
      await small.stop();
    }
  });
});
