/**
 * Resume from anywhere, in process: a deployment "killed" at EVERY step boundary and while EVERY
 * transaction is pending (the logger throws at each progress line, exactly where a kill would leave
 * the journal: a step marked done, or marked pending with its transaction sent), rerun each time
 * until it completes. The transactions sent are the same as in one uninterrupted run: no duplicate
 * contract, no reverted transaction. (test/deploy/e2e.test.ts kills a real child process on a
 * `hardhat node` with interval mining while transactions are really pending.)
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { getCreateAddress } from "ethers";
import type { DeployConfig } from "../../src/deploy/config";
import { loadDeployConfig } from "../../src/deploy/config";
import { JournalMismatchError } from "../../src/deploy/journal";
import { readRecords } from "../../src/chain/records";
import { deploySystem } from "../../src/deploy/system";
import { UserError } from "../../src/chain/errors";
import { PROJECT_ROOT } from "../helpers/cli";
import { expectRejects } from "../helpers/rejects";

class Killed extends Error {}

/** Every transaction `from` sent in blocks (from, latest], with its receipt status. */
interface Sent {
  hash: string;
  status: number;
  to: string | null;
  data: string;
}

async function sentSince(fromBlock: number, from: string): Promise<Sent[]> {
  const out: Sent[] = [];
  const latest = await hre.ethers.provider.getBlockNumber();
  for (let b = fromBlock + 1; b <= latest; b++) {
    const block = await hre.ethers.provider.getBlock(b, true);
    for (const tx of block?.prefetchedTransactions ?? []) {
      if (tx.from.toLowerCase() !== from.toLowerCase()) continue;
      const receipt = await hre.ethers.provider.getTransactionReceipt(tx.hash);
      out.push({ hash: tx.hash, status: receipt?.status ?? -1, to: tx.to, data: tx.data });
    }
  }
  return out;
}

describe("deploy: resume from anywhere (in-process chain)", function () {
  this.timeout(300_000);

  const fresh = (salt: string): { config: DeployConfig; root: string } => {
    const loaded = loadDeployConfig(PROJECT_ROOT, "hardhat");
    if (!("owners" in loaded.reserveSafe)) throw new Error("hardhat.json creates a Safe");
    return {
      config: { ...loaded, reserveSafe: { ...loaded.reserveSafe, saltNonce: salt } },
      root: fs.mkdtempSync(path.join(os.tmpdir(), "som-resume-")),
    };
  };

  // What is deployed once per chain (the Safe contracts) is deployed first by a whole deployment of its own, so the
  // transactions counted below are the plan's own whichever files this mocha worker ran before (alone, the count
  // included the Safe contracts and failed).
  before(async function () {
    const warmUp = fresh("6999");
    await deploySystem({ hre, config: warmUp.config, root: warmUp.root, log: () => undefined });
  });

  it("killed at every step boundary and while each transaction is pending, each rerun goes on; no duplicate, no revert", async function () {
    const { config, root } = fresh("7001");
    const [deployer] = await hre.ethers.getSigners();
    const startBlock = await hre.ethers.provider.getBlockNumber();
    const startNonce = await hre.ethers.provider.getTransactionCount(deployer.address);
    const killedAt: string[] = [];
    let result;
    for (let run = 0; run < 200 && !result; run++) {
      try {
        result = await deploySystem({
          hre,
          config,
          root,
          // The first progress line of each run that marks a boundary ("+" a step done, "~" or
          // "= … already in place on chain": a step found done after the previous kill) or a pending transaction
          // ("…": sent, not yet confirmed to this run) is where it is killed.
          log: (line) => {
            if (/^\[\s*\d+\/\d+\] (\+|…|~) /.test(line) || line.endsWith("already in place on chain")) {
              killedAt.push(line.replace(/ \(tx .*|: sent .*/, ""));
              throw new Killed(line);
            }
          },
        });
      } catch (e) {
        if (!(e instanceof Killed)) throw e;
      }
    }
    expect(result, "the deployment never completed").to.not.equal(undefined);
    // Every boundary and every pending transaction was a kill point.
    expect(killedAt.filter((l) => / (\+|~|=) /.test(l)).length).to.be.greaterThanOrEqual(36);
    expect(killedAt.filter((l) => l.includes("… ")).length).to.be.greaterThanOrEqual(36);
    for (const kind of [
      "… SomStablecoin",
      "… ReserveSafe",
      "… stablecoin.grantRole(PAUSER_ROLE, @account:8)",
      "~ ReserveSafe",
    ]) {
      expect(
        killedAt.some((l) => l.includes(kind)),
        kind,
      ).to.equal(true);
    }

    const txs = await sentSince(startBlock, deployer.address);
    expect(
      txs.filter((t) => t.status !== 1),
      "reverted transactions",
    ).to.deep.equal([]);
    // No duplicate: every contract the deployer created is a recorded proxy, contract or implementation.
    const records = readRecords(root, "hardhat");
    const known = new Set(
      records.flatMap((r) => [
        r.address.toLowerCase(),
        ...(r.implementation ? [r.implementation.toLowerCase()] : []),
        ...(r.proxy ? [r.proxy.implementation.toLowerCase()] : []),
      ]),
    );
    const endNonce = await hre.ethers.provider.getTransactionCount(deployer.address);
    for (let n = startNonce; n < endNonce; n++) {
      const a = getCreateAddress({ from: deployer.address, nonce: n });
      if ((await hre.ethers.provider.getCode(a)) !== "0x")
        expect(known.has(a.toLowerCase()), `unrecorded contract ${a} (nonce ${n})`).to.equal(true);
    }
    // One Safe creation; the Safe was adopted with its real creation transaction.
    const safe = records.find((r) => r.name === "ReserveSafe");
    expect(safe?.transactionHash).to.match(/^0x[0-9a-f]{64}$/);
    expect(txs.some((t) => t.hash === safe?.transactionHash)).to.equal(true);

    // No transaction was sent twice (same target, same calldata), and nothing beyond the plan's own.
    const seen = new Set<string>();
    for (const t of txs) {
      const key = `${t.to ?? "CREATE"}:${t.data}`;
      expect(seen.has(key), `sent twice: ${t.hash}`).to.equal(false);
      seen.add(key);
    }
    // The plan's own deployer transactions: 46 without the market, 11 more with it (the registry's implementation and
    // proxy, desk, rule, two minimum capitals, a licence, three grants, ... less what the plugin reuses: measured 57).
    expect(txs.length).to.be.at.most(57);

    const rerun = await deploySystem({ hre, config, root, log: () => undefined });
    expect(rerun.alreadyComplete).to.equal(true);
  });

  it("a changed configuration is refused before anything is sent, naming what changed and what to do", async function () {
    const { config, root } = fresh("7003");
    const [deployer] = await hre.ethers.getSigners();
    let seen = 0;
    await expectRejects(
      deploySystem({
        hre,
        config,
        root,
        log: (l) => {
          if (/^\[\s*\d+\/\d+\] \+ /.test(l) && ++seen === 8) throw new Killed(l);
        },
      }),
      /./,
      Killed,
    );
    if (!("owners" in config.reserveSafe)) throw new Error("unreachable");
    const changed: DeployConfig = {
      ...config,
      reserveSafe: { ...config.reserveSafe, owners: ["@account:9", ...config.reserveSafe.owners.slice(1)] },
    };
    const nonce = await hre.ethers.provider.getTransactionCount(deployer.address);
    const err = await expectRejects(
      deploySystem({ hre, config: changed, root, log: () => undefined }),
      /changed since this deployment started/,
      JournalMismatchError,
    );
    expect(err).to.be.instanceOf(UserError);
    expect(err.message)
      .to.contain('reserveSafe.owners[0]: "@account:1" → "@account:9"')
      .and.contain("nothing was sent")
      .and.contain("restore them to resume, or move");
    expect(await hre.ethers.provider.getTransactionCount(deployer.address)).to.equal(nonce);
    // With the old values back, it resumes and completes.
    const done = await deploySystem({ hre, config, root, log: () => undefined });
    expect(done.safe).to.match(/^0x/);
  });

  it("a folder from the previous version (old _journal.json) is refused before anything is sent", async function () {
    const { config, root } = fresh("7004");
    const dir = path.join(root, "deployments", "hardhat");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "_journal.json"), "{}");
    await expectRejects(
      deploySystem({ hre, config, root, log: () => undefined }),
      /_journal\.json was written by an older version .*nothing was sent/,
      JournalMismatchError,
    );
  });
});
