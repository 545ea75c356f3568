/**
 * The deployment's hand-over and final check, in process: an existing Safe accepts the admin role
 * through a proposal the deployment writes; a role holder the config does not name fails the check.
 */
import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import hre from "hardhat";
import { SOM_RESERVES } from "../../src/chain/constants";
import { loadDeployConfig } from "../../src/deploy/config";
import { readRecords } from "../../src/chain/records";
import { DeployError, deploySystem } from "../../src/deploy/system";
import { createReserveSafe, ensureSafeInfrastructure, fallbackHandlerOf, modulesOf } from "../../src/safe/deploy";
import { safeContract } from "../../src/custody/execute";
import { SAFE_GUARD_SLOT } from "../../src/guard";
import { createSafeWalletStyleSafe } from "../helpers/safe-wallet";
import { Wallet, ZeroAddress, zeroPadValue } from "ethers";
import { signAndExecute } from "../../src/custody/flow";
import { readProposal } from "../../src/custody/proposal";
import { PROJECT_ROOT } from "../helpers/cli";
import { expectRejects } from "../helpers/rejects";
import { ACCOUNTS, loadSystem, localWallet } from "../helpers/system";

/** What an executed enableModule does, done as the Safe itself (impersonated). */
async function enableModulesAsTheSafe(safe: string, modules: readonly string[]): Promise<void> {
  await hre.network.provider.send("hardhat_impersonateAccount", [safe]);
  await hre.network.provider.send("hardhat_setBalance", [safe, "0x56BC75E2D63100000"]);
  for (const m of modules) await (await safeContract(safe, await hre.ethers.getSigner(safe)).enableModule(m)).wait();
  await hre.network.provider.send("hardhat_stopImpersonatingAccount", [safe]);
}

describe("deploy: hand-over and the final check", function () {
  it("an existing Safe: the deployment stops with a hand-over proposal; once custodians execute it, a rerun completes", async function () {
    const [deployer] = await hre.ethers.getSigners();
    const infra = await ensureSafeInfrastructure(deployer, (m, p) => hre.ethers.provider.send(m, p), "Safe");
    const owners = ACCOUNTS.custodians.map((i) => localWallet(i).address);
    const existing = await createReserveSafe(deployer, infra, { owners, threshold: 2, saltNonce: 4242n });
    expect(await fallbackHandlerOf(hre.ethers.provider, existing.address)).to.equal(ZeroAddress);
    const config = { ...loadDeployConfig(PROJECT_ROOT, "hardhat"), reserveSafe: { address: existing.address } };
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-handover-"));

    const err = await expectRejects(
      deploySystem({ hre, config, root, log: () => undefined }),
      /still holds: .*default admin/,
      DeployError,
    );
    const file = path.join(root, "deployments", "hardhat", ".som", "handover-proposal.json");
    expect(err.message).to.contain(file);
    const proposal = readProposal(file);
    expect(proposal.safe).to.equal(existing.address);
    expect(proposal.summary.join("\n")).to.match(/acceptDefaultAdminTransfer|accept/i);
    // a Safe without a fallback handler keeps it that way: the only self-call is the first install of the configured
    // guard
    expect(proposal.summary.join("\n")).to.not.match(/setFallbackHandler/);
    expect(proposal.summary.join("\n")).to.match(/setGuard/);

    await signAndExecute({
      provider: hre.ethers.provider,
      executor: deployer,
      proposal,
      proposalFile: file,
      records: readRecords(root, "hardhat"),
      custodians: [localWallet(1), localWallet(3)],
      allow: ["self-call"],
    });
    const result = await deploySystem({ hre, config, root, log: () => undefined });
    expect(result.safe).to.equal(existing.address);
    expect(result.alreadyComplete).to.equal(true);
    const coin = await hre.ethers.getContractAt("SomStablecoin", result.records.SomStablecoin.address);
    expect(await coin.defaultAdmin()).to.equal(existing.address);
  });

  it("an existing Safe made by Safe{Wallet} (with a fallback handler, two modules): the hand-over also disables the modules and removes the handler; under a guard it says what to announce instead", async function () {
    const [deployer] = await hre.ethers.getSigners();
    const owners = ACCOUNTS.custodians.map((i) => localWallet(i).address);
    const existing = await createSafeWalletStyleSafe(owners, 2, 4244n);
    const modules = [Wallet.createRandom().address, Wallet.createRandom().address];
    await enableModulesAsTheSafe(existing.address, modules);
    expect(await modulesOf(hre.ethers.provider, existing.address)).to.have.length(2);
    const config = { ...loadDeployConfig(PROJECT_ROOT, "hardhat"), reserveSafe: { address: existing.address } };
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "som-handover-handler-"));
    await expectRejects(deploySystem({ hre, config, root, log: () => undefined }), /still holds/, DeployError);
    const file = path.join(root, "deployments", "hardhat", ".som", "handover-proposal.json");
    const proposal = readProposal(file);
    expect(proposal.summary.join("\n")).to.match(/disableModule[^]*disableModule[^]*setFallbackHandler/);
    // the custodian tooling flags the self-call: signing needs --allow-risk self-call
    await expectRejects(
      signAndExecute({
        provider: hre.ethers.provider,
        executor: deployer,
        proposal,
        proposalFile: file,
        records: readRecords(root, "hardhat"),
        custodians: [localWallet(1), localWallet(3)],
      }),
      /self-call/,
    );
    await signAndExecute({
      provider: hre.ethers.provider,
      executor: deployer,
      proposal: readProposal(file),
      proposalFile: file,
      records: readRecords(root, "hardhat"),
      custodians: [localWallet(1), localWallet(3)],
      allow: ["self-call"],
    });
    expect(await fallbackHandlerOf(hre.ethers.provider, existing.address)).to.equal(ZeroAddress);
    expect(await modulesOf(hre.ethers.provider, existing.address)).to.deep.equal([]);
    expect((await deploySystem({ hre, config, root, log: () => undefined })).alreadyComplete).to.equal(true);

    // a Safe that already has a guard and a handler: the hand-over cannot remove the handler unannounced, so it says
    // what to do
    const guarded = await createSafeWalletStyleSafe(owners, 2, 4245n);
    await enableModulesAsTheSafe(guarded.address, [modules[0]]);
    const guardAt = await (
      await hre.ethers.deployContract("ReserveGuard", [
        await (
          await ensureSafeInfrastructure(deployer, (m, p) => hre.ethers.provider.send(m, p), "Safe")
        ).multiSendCallOnly,
        60,
        3600,
      ])
    ).getAddress();
    await hre.ethers.provider.send("hardhat_setStorageAt", [
      guarded.address,
      SAFE_GUARD_SLOT,
      zeroPadValue(guardAt, 32),
    ]);
    const lines: string[] = [];
    const root2 = fs.mkdtempSync(path.join(os.tmpdir(), "som-handover-handler-"));
    const unguardedConfig = { ...config, reserveSafe: { address: guarded.address }, reserveGuard: undefined };
    await expectRejects(
      deploySystem({ hre, config: unguardedConfig, root: root2, log: (l) => lines.push(l) }),
      /still holds/,
      DeployError,
    );
    expect(lines.join("\n"))
      .to.contain(`warning: the existing Safe ${guarded.address} has fallback handler ${guarded.handler}`)
      .and.contain("announce and execute setFallbackHandler");
    expect(lines.join("\n")).to.contain(
      `warning: the existing Safe ${guarded.address} has module ${modules[0]} enabled`,
    );
    expect(
      readProposal(path.join(root2, "deployments", "hardhat", ".som", "handover-proposal.json")).summary.join("\n"),
    ).to.not.match(/setFallbackHandler|disableModule/);
  });

  it("fails when a role holder differs from the configuration (e.g. granted by a stolen deployer key)", async function () {
    const { root, config, coin, asSafe } = await loadSystem();
    const intruder = localWallet(19).address;
    await coin.connect(await asSafe()).grantRole(await coin.COMPLIANCE_ROLE(), intruder);
    const err = await expectRejects(
      deploySystem({ hre, config, root, log: () => undefined }),
      /differs from/,
      DeployError,
    );
    expect(err.message).to.contain(`SomStablecoin.COMPLIANCE_ROLE: holders`).and.contain(intruder.toLowerCase());
  });

  it("fails when the supply controller has a minter the configuration does not list", async function () {
    const { root, config, controller, asSafe } = await loadSystem();
    const intruder = localWallet(19).address;
    await (await controller.connect(await asSafe()).configureMinter(intruder, 1n, 1n, 1n)).wait();
    const err = await expectRejects(
      deploySystem({ hre, config, root, log: () => undefined }),
      /differs from/,
      DeployError,
    );
    expect(err.message)
      .to.contain(`SomSupplyController.minter(${intruder.toLowerCase()}) is active`)
      .and.contain("the configuration lists no such minter");
  });

  it("fails when the SOM_RESERVES subject's listener differs from the configuration", async function () {
    const { root, config, registry, asSafe } = await loadSystem();
    // no listener (a listener must be a contract): the stablecoin would no longer learn of new reports
    const other = ZeroAddress;
    const c = config.attestation.somReserves;
    await (
      await registry.connect(await asSafe()).configureSubject(SOM_RESERVES, c.maxAge, c.maxChangeBps, other)
    ).wait();
    const err = await expectRejects(
      deploySystem({ hre, config, root, log: () => undefined }),
      /differs from/,
      DeployError,
    );
    expect(err.message).to.contain(`AttestationRegistry.subject(SOM_RESERVES).listener is ${other}`);
  });

  it("fails when the SOM_RESERVES subject's max age differs from the configuration", async function () {
    const { root, config, registry, coin, asSafe } = await loadSystem();
    const c = config.attestation.somReserves;
    await (
      await registry.connect(await asSafe()).configureSubject(SOM_RESERVES, c.maxAge + 1, c.maxChangeBps, coin)
    ).wait();
    const err = await expectRejects(
      deploySystem({ hre, config, root, log: () => undefined }),
      /differs from/,
      DeployError,
    );
    expect(err.message).to.contain(
      `AttestationRegistry.subject(SOM_RESERVES).maxAge is ${c.maxAge + 1}, expected ${c.maxAge}`,
    );
  });

  it("fails when the SOM_RESERVES subject's change bound differs from the configuration", async function () {
    const { root, config, registry, coin, asSafe } = await loadSystem();
    const c = config.attestation.somReserves;
    const other = c.maxChangeBps === 100 ? 200 : 100;
    await (await registry.connect(await asSafe()).configureSubject(SOM_RESERVES, c.maxAge, other, coin)).wait();
    const err = await expectRejects(
      deploySystem({ hre, config, root, log: () => undefined }),
      /differs from/,
      DeployError,
    );
    expect(err.message).to.contain(
      `AttestationRegistry.subject(SOM_RESERVES).maxChangeBps is ${other}, expected ${c.maxChangeBps}`,
    );
  });

  it("a rerun after mints passes: the minter's allowance is used up, not changed", async function () {
    const { root, config, controller, attest } = await loadSystem();
    await attest(SOM_RESERVES, 1_000_00n);
    await controller.mint(700_00n);
    const result = await deploySystem({ hre, config, root, log: () => undefined });
    expect(result.alreadyComplete).to.equal(true);
  });

  it("the main job's mode notes a difference made since the hand-over instead of failing; the deploy command's mode fails", async function () {
    const { root, config, coin, asSafe } = await loadSystem();
    const other = localWallet(19).address;
    await coin.connect(await asSafe()).grantRole(await coin.BURNER_ROLE(), other);
    const lines: string[] = [];
    const result = await deploySystem({ hre, config, root, log: (l) => lines.push(l), driftAfterHandover: "report" });
    expect(result.alreadyComplete).to.equal(true);
    expect(lines.join("\n"))
      .to.contain("note: changed since the hand-over")
      .and.contain("SomStablecoin.BURNER_ROLE")
      .and.contain(other.toLowerCase());
    await expectRejects(
      deploySystem({ hre, config, root, log: () => undefined }),
      /SomStablecoin\.BURNER_ROLE: holders/,
      DeployError,
    );
  });

  it("a config for another chain stops before any transaction", async function () {
    const config = { ...loadDeployConfig(PROJECT_ROOT, "hardhat"), chainId: 11155111 };
    const [deployer] = await hre.ethers.getSigners();
    const nonce = await hre.ethers.provider.getTransactionCount(deployer.address);
    await expectRejects(
      deploySystem({ hre, config, root: os.tmpdir(), log: () => undefined }),
      /is for chain 11155111 but network "hardhat" is chain 31337; nothing was sent/,
      DeployError,
    );
    expect(await hre.ethers.provider.getTransactionCount(deployer.address)).to.equal(nonce);
  });
});
