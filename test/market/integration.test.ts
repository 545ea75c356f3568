/**
 * The distribution rule through a real 2-of-3 reserve Safe created by the real deployment code with the
 * real ReserveGuard installed in its creation transaction (config `reserveSafe.guard`, docs/guard.md).
 * The rule is installed the only way the guard allows: an owner announces the Safe's `setCallRule(rule)`,
 * the delay passes, the custodians execute it through the Safe (signing offline through the custodian
 * library). Refusals are shown twice: by the tooling's simulation (nothing sent), and on chain (a
 * transaction with genuine signatures sent anyway, reverted by the guard, the Safe unchanged).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import hre from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { AbiCoder, TypedDataEncoder, ZeroAddress, concat, getAddress } from "ethers";
import { SOM_RESERVES } from "../../src/attestation";
import { readRecords } from "../../src/chain/records";
import {
  announceCalls,
  guardCallHash,
  guardOf,
  setCallRuleCall,
  setFallbackHandlerCall,
  waitForChainTime,
} from "../../src/guard";
import { deployLocalSafeContract, fallbackHandlerOf } from "../../src/safe/deploy";
import { deployMarket } from "../../src/market/deploy";
import { writeMarketRecords } from "../../src/market/records";
import { burnReferenceOf, requestRedemption } from "../../src/market/redemptions";
import { rejectionCalls, settlementCalls } from "../../src/market/actions";
import { proposeSignExecute } from "../../src/custody/flow";
import { assembleProposal, buildCall, loadProposalContext } from "../../src/custody/actions";
import { canonicalAddressAndHash } from "../../src/safe/artifacts";
import type { Proposal } from "../../src/custody/proposal";
import { reviewProposal } from "../../src/custody/review";
import { completeRecords, trustedView } from "../../src/custody/trusted";
import { licenseCounterparty, recordCounterparties } from "../../src/market/counterparties";
import { safeContract } from "../../src/custody/execute";
import { encodeMultiSendCall } from "../../src/safe/multisend";
import type { InnerCall } from "../../src/safe/multisend";
import { packSignatures } from "../../src/safe/signatures";
import { buildSafeTx, signSafeTx } from "../../src/safe/safeTx";
import { STABLECOIN_TYPES } from "../../src/stablecoin/signatures";
import type { CallRequest } from "../../src/chain/calls";
import type { RiskCode } from "../../src/custody/policy";
import { ReserveGuard__factory } from "../../typechain-types";
import { expectRejects } from "../helpers/rejects";
import { ACCOUNTS, deploySystemFixture, localWallet } from "../helpers/system";
import { licenceFor } from "./fixture";

const REGULATOR = 13;
const EXCHANGE = 14;
const STRANGER = 15;
/** The guard's delay and expiry window on this local chain (seconds). */
const DELAY = 60;
const EXPIRY = 3600;

async function guardedSystem() {
  const sys = await deploySystemFixture((c) => ({
    ...c,
    reserveGuard: { delaySeconds: DELAY, expiryWindowSeconds: EXPIRY },
    market: undefined,
  }));
  const { signers, safe, coin, root } = sys;
  const guard = ReserveGuard__factory.connect(sys.at("ReserveGuard"), hre.ethers.provider);
  const guardAddress = await guard.getAddress();
  const market = await deployMarket(hre, {
    deployer: signers[0],
    token: await coin.getAddress(),
    reserve: safe,
    regulator: signers[REGULATOR].address,
    adminDelay: 0,
  });
  await writeMarketRecords({
    provider: hre.ethers.provider,
    root,
    network: "hardhat",
    market,
    compiler: "test",
    gitCommit: "test",
  });
  const multiSend = readRecords(root, "hardhat").find((r) => r.name === "MultiSendCallOnly")?.address ?? "";
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "som-market-"));
  const owners = ACCOUNTS.custodians.map(localWallet);
  const custody = (calls: CallRequest[], allow: RiskCode[] = []) =>
    proposeSignExecute({
      provider: hre.ethers.provider,
      executor: signers[ACCOUNTS.custodians[2]],
      safe,
      records: readRecords(root, "hardhat"),
      calls,
      custodians: owners.slice(0, 2),
      dir: fs.mkdtempSync(path.join(work, "p-")),
      allow,
      guard: {
        address: guardAddress,
        announcer: owners[0].connect(hre.ethers.provider),
        passDelay: (at) => waitForChainTime(hre.ethers.provider, at, { advanceLocalClock: true }),
      },
    });
  /** One owner announces `calls` to the guard; time passes the delay. */
  const announceAndWait = async (calls: InnerCall[]) => {
    await announceCalls(owners[0].connect(hre.ethers.provider), guardAddress, safe, calls);
    await time.increase(DELAY);
  };
  /**
   * Sends `execTransaction` for one call (or a MultiSendCallOnly batch of several) with genuine signatures
   * of two owners, WITHOUT the tooling's simulation: what a compromised signing screen could produce.
   */
  const sendSigned = async (calls: InnerCall[]) => {
    const s = safeContract(safe, signers[ACCOUNTS.custodians[2]]);
    const nonce = BigInt(await s.getFunction("nonce").staticCall());
    const tx =
      calls.length === 1
        ? buildSafeTx({ to: calls[0].to, data: calls[0].data, value: calls[0].value, nonce })
        : buildSafeTx({ to: multiSend, data: encodeMultiSendCall(calls), operation: 1, nonce });
    const sigs = await Promise.all(
      owners.slice(0, 2).map(async (w) => ({ signer: w.address, signature: await signSafeTx(w, 31337, safe, tx) })),
    );
    return s.getFunction("execTransaction")(
      tx.to,
      tx.value,
      tx.data,
      tx.operation,
      tx.safeTxGas,
      tx.baseGas,
      tx.gasPrice,
      tx.gasToken,
      tx.refundReceiver,
      packSignatures(sigs),
    );
  };

  await custody([{ action: "grantRole", contract: "SomStablecoin", args: ["BURNER_ROLE", "RedemptionDesk"] }]);
  // the guard's own configuration change: announced by one owner, executed after the delay
  const rule = await market.rule.getAddress();
  const install = setCallRuleCall(guardAddress, rule);
  // unannounced, the guard's setCallRule refuses (CallNotAnnounced inside the inner call: the Safe reverts GS013)
  await expect(sendSigned([install])).to.be.revertedWith("GS013");
  expect(await guard.callRuleOf(safe)).to.equal(ZeroAddress);
  await announceAndWait([install]);
  await custody([{ fn: "setCallRule", contract: "ReserveGuard", args: [rule] }]);
  await licenseCounterparty(
    market.registry.connect(signers[REGULATOR]),
    signers[EXCHANGE].address,
    await licenceFor("Ala-Too Exchange"),
  );
  await sys.attest(SOM_RESERVES, 10_000_000_00n);
  await (await sys.controller.mint(1_000_000_00n)).wait();
  return { ...sys, market, guard, guardAddress, install, custody, announceAndWait, sendSigned };
}

describe("market: distribution rule through a real reserve Safe and its ReserveGuard", function () {
  it("the Safe distributes to a licensed counterparty, is refused for an unlicensed address (alone or inside a batch), and settles a redemption by batch", async function () {
    const f = await loadFixture(guardedSystem);
    const exchange = f.signers[EXCHANGE].address;
    const stranger = f.signers[STRANGER].address;
    // the real guard guards the Safe since its creation; the rule was installed by an announced call, now consumed
    expect(await guardOf(hre.ethers.provider, f.safe)).to.equal(f.guardAddress);
    expect(getAddress(await f.guard.callRuleOf(f.safe))).to.equal(await f.market.rule.getAddress());
    expect(await f.guard.announcement(f.safe, guardCallHash(f.safe, f.install))).to.deep.equal([0n, 0n]);
    const res = await f.custody([{ action: "distribute", contract: "SomStablecoin", args: [exchange, "250000.00"] }]);
    expect(res.receipt.status).to.equal(1);
    expect(await f.coin.balanceOf(exchange)).to.equal(250_000_00n);

    // the tooling's simulation refuses (nothing sent)
    await expectRejects(
      f.custody([{ action: "distribute", contract: "SomStablecoin", args: [stranger, "1.00"] }]),
      /DistributionRuleNotEligible/,
    );
    await expectRejects(
      f.custody([
        { action: "distribute", contract: "SomStablecoin", args: [exchange, "1.00"] },
        { action: "approve", contract: "SomStablecoin", args: [stranger, "1.00"] },
      ]),
      /DistributionRuleAllowanceRefused/,
    );

    // on chain: genuine signatures, sent anyway; the guard (consulting the rule) reverts, the Safe is unchanged
    const coin = await f.coin.getAddress();
    const transfer = (to: string, amount: bigint): InnerCall => ({
      to: coin,
      value: 0n,
      operation: 0,
      data: f.coin.interface.encodeFunctionData("transfer", [to, amount]),
    });
    const approve = (to: string, amount: bigint): InnerCall => ({
      to: coin,
      value: 0n,
      operation: 0,
      data: f.coin.interface.encodeFunctionData("approve", [to, amount]),
    });
    const safeState = async () => ({
      nonce: BigInt(await safeContract(f.safe, hre.ethers.provider).getFunction("nonce").staticCall()),
      reserve: await f.coin.balanceOf(f.safe),
      exchange: await f.coin.balanceOf(exchange),
      stranger: await f.coin.balanceOf(stranger),
      allowance: await f.coin.allowance(f.safe, stranger),
    });
    const before = await safeState();
    await expect(f.sendSigned([transfer(stranger, 1_00n)]))
      .to.be.revertedWithCustomError(f.market.rule, "DistributionRuleNotEligible")
      .withArgs(stranger, "0xa9059cbb");
    await expect(f.sendSigned([transfer(exchange, 1_00n), approve(stranger, 1_00n)]))
      .to.be.revertedWithCustomError(f.market.rule, "DistributionRuleAllowanceRefused")
      .withArgs(stranger, "0x095ea7b3");
    await expect(
      f.sendSigned([transfer(exchange, 1_00n), transfer(stranger, 1_00n), transfer(exchange, 1_00n)]),
    ).to.be.revertedWithCustomError(f.market.rule, "DistributionRuleNotEligible");
    expect(await safeState()).to.deep.equal(before);
    expect(before.stranger).to.equal(0n);
    expect(before.exchange).to.equal(250_000_00n);
    // the same signed path works for a licensed recipient (the refusal above is the rule, not the path)
    await (await f.sendSigned([transfer(exchange, 1_00n), transfer(exchange, 2_00n)])).wait();
    expect(await f.coin.balanceOf(exchange)).to.equal(250_003_00n);

    // the counterparty redeems twice; the reserve settles both in one batch
    const desk = f.market.desk.connect(f.signers[EXCHANGE]);
    const token = f.coin.connect(f.signers[EXCHANGE]);
    const a = await requestRedemption(desk, token, 50_000_00n, "KG12 3456 7890");
    const b = await requestRedemption(desk, token, 10_000_00n, "KG12 3456 7890");
    const supply = await f.coin.totalSupply();
    const settled = await f.custody(settlementCalls([a.id, b.id]));
    expect(await f.coin.totalSupply()).to.equal(supply - 60_000_00n);
    const refs = settled.receipt.logs
      .filter((l) => l.address.toLowerCase() === (f.coin.target as string).toLowerCase())
      .map((l) => f.coin.interface.parseLog(l))
      .filter((p) => p?.name === "Burned")
      .map((p) => p?.args.redemptionRef as string);
    expect(refs).to.deep.equal([burnReferenceOf(a.id), burnReferenceOf(b.id)]);
    expect(await f.market.desk.openRequestsOf(exchange)).to.deep.equal([]);

    // a rejection by batch refunds the escrow with its reason code
    const c = await requestRedemption(desk, token, 5_000_00n, "KG00 WRONG ACCOUNT");
    const held = await f.coin.balanceOf(exchange);
    const rejected = await f.custody(rejectionCalls([c.id], "BankAccount"));
    expect(await f.coin.balanceOf(exchange)).to.equal(held + 5_000_00n);
    const reason = rejected.receipt.logs
      .map((l) => f.market.desk.interface.parseLog(l))
      .find((p) => p?.name === "RedemptionRejected");
    expect(reason?.args.reasonCode).to.equal(1n);

    // the Safe sets the settlement window of new requests
    await f.custody([{ action: "setSettlementWindow", contract: "RedemptionDesk", args: ["86400"] }]);
    expect(await f.market.desk.settlementWindow()).to.equal(86_400n);

    // a suspended counterparty receives nothing more
    await f.market.registry.connect(f.signers[REGULATOR]).suspend(exchange, hre.ethers.ZeroHash);
    await expectRejects(
      f.custody([{ action: "distribute", contract: "SomStablecoin", args: [exchange, "1.00"] }]),
      /DistributionRuleNotEligible/,
    );
  });

  it("issue 28: no allowance outlives eligibility: the Safe's approve/permit above zero is refused on chain, so suspended, revoked and expired counterparties can never transferFrom(safe, ...)", async function () {
    const f = await loadFixture(guardedSystem);
    const coin = await f.coin.getAddress();
    const exchange = f.signers[EXCHANGE];
    const bank = f.signers[STRANGER];
    const regulator = f.market.registry.connect(f.signers[REGULATOR]);
    const expiry = BigInt(await time.latest()) + 2n * 3600n;
    await licenseCounterparty(
      regulator,
      bank.address,
      await licenceFor("Bishkek Bank", { category: "Bank", licenceExpiry: expiry }),
    );
    const call = (data: string): InnerCall => ({ to: coin, value: 0n, operation: 0, data });
    const i = f.coin.interface;
    const nonceOf = async () =>
      BigInt(await safeContract(f.safe, hre.ethers.provider).getFunction("nonce").staticCall());

    // the Safe (genuine signatures, no tooling) tries to give both licensed counterparties an allowance: refused by
    // the guard's rule
    const before = await nonceOf();
    for (const spender of [exchange.address, bank.address]) {
      await expect(f.sendSigned([call(i.encodeFunctionData("approve", [spender, 1_000_00n]))]))
        .to.be.revertedWithCustomError(f.market.rule, "DistributionRuleAllowanceRefused")
        .withArgs(spender, "0x095ea7b3");
      await expect(
        f.sendSigned([
          call(i.encodeFunctionData("transfer", [spender, 1_00n])),
          call(i.encodeFunctionData("approve", [spender, 1n])),
        ]),
      ).to.be.revertedWithCustomError(f.market.rule, "DistributionRuleAllowanceRefused");
      // submitting a permit of the Safe's own (owner = safe) is refused too, before any signature is looked at
      const permit = i.encodeFunctionData("permit(address,address,uint256,uint256,bytes)", [
        f.safe,
        spender,
        1_000_00n,
        2n ** 40n,
        "0x" + "11".repeat(65),
      ]);
      await expect(f.sendSigned([call(permit)]))
        .to.be.revertedWithCustomError(f.market.rule, "DistributionRuleAllowanceRefused")
        .withArgs(spender, "0x9fd5a6cf");
    }
    expect(await nonceOf()).to.equal(before);
    // a zero approval passes (it is how an old allowance is revoked)
    await (await f.sendSigned([call(i.encodeFunctionData("approve", [exchange.address, 0n]))])).wait();
    // distributions by transfer work while eligible
    await (
      await f.sendSigned([
        call(i.encodeFunctionData("transfer", [exchange.address, 10_00n])),
        call(i.encodeFunctionData("transfer", [bank.address, 10_00n])),
      ])
    ).wait();

    const pull = (who: typeof exchange) => f.coin.connect(who).transferFrom(f.safe, who.address, 1_00n);
    const reserveBefore = await f.coin.balanceOf(f.safe);
    // eligible or not, no counterparty can pull from the Safe: no allowance can exist
    for (const who of [exchange, bank]) {
      expect(await f.coin.allowance(f.safe, who.address)).to.equal(0n);
      await expect(pull(who)).to.be.revertedWithCustomError(f.coin, "ERC20InsufficientAllowance");
    }
    // suspended, then revoked: still nothing, and the Safe's transfer is refused in the block it would execute
    await (await regulator.suspend(exchange.address, hre.ethers.id("suspended"))).wait();
    await expect(pull(exchange)).to.be.revertedWithCustomError(f.coin, "ERC20InsufficientAllowance");
    await expect(
      f.sendSigned([call(i.encodeFunctionData("transfer", [exchange.address, 1_00n]))]),
    ).to.be.revertedWithCustomError(f.market.rule, "DistributionRuleNotEligible");
    await (await regulator.revoke(exchange.address, hre.ethers.id("revoked"))).wait();
    await expect(pull(exchange)).to.be.revertedWithCustomError(f.coin, "ERC20InsufficientAllowance");
    // the bank's licence expires
    await time.increaseTo(expiry);
    expect(await f.market.registry.isEligible(bank.address)).to.equal(false);
    await expect(pull(bank)).to.be.revertedWithCustomError(f.coin, "ERC20InsufficientAllowance");
    await expect(f.sendSigned([call(i.encodeFunctionData("transfer", [bank.address, 1_00n]))]))
      .to.be.revertedWithCustomError(f.market.rule, "DistributionRuleNotEligible")
      .withArgs(bank.address, "0xa9059cbb");
    await expect(f.sendSigned([call(i.encodeFunctionData("transferFrom", [f.safe, bank.address, 1_00n]))]))
      .to.be.revertedWithCustomError(f.market.rule, "DistributionRuleNotEligible")
      .withArgs(bank.address, "0x23b872dd");
    expect(await f.coin.balanceOf(f.safe)).to.equal(reserveBefore);
  });

  it("issue 28: the rule fails closed: a stablecoin selector it does not recognise is refused on chain (genuine signatures)", async function () {
    const f = await loadFixture(guardedSystem);
    const coin = await f.coin.getAddress();
    for (const [data, selector] of [
      ["0xdeadbeef", "0xdeadbeef"],
      [
        "0x39509351" +
          AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [f.signers[EXCHANGE].address, 1n]).slice(2),
        "0x39509351",
      ], // increaseAllowance: not a KGSC function today
      [f.coin.interface.encodeFunctionData("mint", [1n]), "0xa0712d68"],
    ]) {
      await expect(f.sendSigned([{ to: coin, value: 0n, operation: 0, data }]))
        .to.be.revertedWithCustomError(f.market.rule, "DistributionRuleUnknownCall")
        .withArgs(selector);
    }
    // a recognised ordinary call passes the same path
    await (
      await f.sendSigned([
        { to: coin, value: 0n, operation: 0, data: f.coin.interface.encodeFunctionData("syncReserves") },
      ])
    ).wait();
  });

  it("issue 28: the desk's escrow can never be wiped: frozen by compliance, the Safe's announced wipeFrozen(desk) is refused after the delay; the Safe unfreezes and settles", async function () {
    const f = await loadFixture(guardedSystem);
    const coin = await f.coin.getAddress();
    const deskAddress = await f.market.desk.getAddress();
    const exchange = f.signers[EXCHANGE];
    await f.custody([{ action: "distribute", contract: "SomStablecoin", args: [exchange.address, "1000.00"] }]);
    const req = await requestRedemption(
      f.market.desk.connect(exchange),
      f.coin.connect(exchange),
      400_00n,
      "KG12 3456 7890",
    );
    const role = await f.coin.COMPLIANCE_ROLE();
    let officer: (typeof f.signers)[number] | undefined;
    for (const s of f.signers) if (await f.coin.hasRole(role, s.address)) officer = s;
    if (!officer) throw new Error("no compliance officer in the deployed system");
    // one compliance key freezes the desk and the Safe (protective, instant)
    await (await f.coin.connect(officer).freeze(deskAddress)).wait();
    await (await f.coin.connect(officer).freeze(f.safe)).wait();
    const i = f.coin.interface;
    const call = (data: string): InnerCall => ({ to: coin, value: 0n, operation: 0, data });
    // settling needs the desk unfrozen: the freeze pauses redemptions, nothing more
    const settle: InnerCall = {
      to: deskAddress,
      value: 0n,
      operation: 0,
      data: f.market.desk.interface.encodeFunctionData("settle", [req.id]),
    };
    await expect(f.sendSigned([settle])).to.be.revertedWith("GS013");
    // the Safe's wipe of either is announced, waits out the delay, and is still refused by the rule
    for (const account of [deskAddress, f.safe]) {
      const wipe = call(i.encodeFunctionData("wipeFrozen", [account, hre.ethers.id("legal order")]));
      await f.announceAndWait([wipe]);
      await expect(f.sendSigned([wipe]))
        .to.be.revertedWithCustomError(f.market.rule, "DistributionRuleSystemAccount")
        .withArgs(account, "0xaef15b03");
    }
    expect(await f.coin.balanceOf(deskAddress)).to.equal(400_00n);
    // the Safe lifts the freezes (announced, delayed) and settles the open request
    const unfreeze = [
      call(i.encodeFunctionData("unfreeze", [deskAddress])),
      call(i.encodeFunctionData("unfreeze", [f.safe])),
    ];
    await f.announceAndWait(unfreeze);
    await (await f.sendSigned(unfreeze)).wait();
    const supply = await f.coin.totalSupply();
    await (await f.sendSigned([settle])).wait();
    expect(await f.coin.totalSupply()).to.equal(supply - 400_00n);
    expect(await f.coin.balanceOf(deskAddress)).to.equal(0n);
  });

  it("the custodian summary names each stablecoin recipient from the custodian's own counterparty records (status), never from the file", async function () {
    const f = await loadFixture(guardedSystem);
    const provider = hre.ethers.provider;
    const exchange = f.signers[EXCHANGE].address;
    const stranger = f.signers[STRANGER].address;
    const { chainId } = await provider.getNetwork();
    const propose = async () => {
      const context = await loadProposalContext(provider, readRecords(f.root, "hardhat"), f.safe);
      const calls = [
        buildCall(context, { action: "distribute", contract: "SomStablecoin", args: [exchange, "1.00"] }),
        buildCall(context, { fn: "transfer", contract: "SomStablecoin", args: [stranger, "2.00"] }),
        // a zero approval lets nothing leave
        buildCall(context, { fn: "approve", contract: "SomStablecoin", args: [stranger, "0"] }),
      ];
      return assembleProposal({
        chainId: Number(chainId),
        safe: f.safe,
        nonce: 99n,
        calls,
        context,
        multiSendCallOnly: canonicalAddressAndHash("MultiSendCallOnly").address,
        description: "t",
      });
    };
    const review = async (p: Proposal) => {
      const view = trustedView(await completeRecords(provider, readRecords(f.root, "hardhat"), f.safe));
      const summary = reviewProposal(p, view).summary;
      return summary.slice(summary.findIndex((l) => l.startsWith("Stablecoin leaving")));
    };

    // no snapshot in the records yet: said so, nothing claimed
    const before = await review(await propose());
    expect(before[0]).to.equal("Stablecoin leaving the reserve Safe goes to (from YOUR records, not from the file):");
    expect(before.slice(1)).to.have.length(2);
    expect(before.slice(1).every((l) => l.endsWith("NOT VERIFIED"))).to.equal(true);

    // the custodian's status run (recordCounterparties) writes the registry's counterparties onto its record
    const snap = await recordCounterparties(provider, f.root, "hardhat");
    expect(snap?.snapshot.entries.map((e) => [e.address, e.name, e.eligible])).to.deep.equal([
      [exchange, "Ala-Too Exchange", true],
    ]);
    const p = await propose();
    const lines = await review(p);
    expect(lines[1]).to.match(
      new RegExp(
        `^  recipient ${exchange}: Ala-Too Exchange \\(exchange, licence NBKR-ALA-01 until \\d{4}-\\d\\d-\\d\\d, ` +
          `eligible; your counterparty records of .* block ${snap?.snapshot.block}\\)$`,
      ),
    );
    expect(lines[2]).to.contain(`recipient ${stranger}: NOT a licensed counterparty`);
    expect(lines).to.have.length(3);

    // an edited file (summary and context claiming the stranger is licensed) changes nothing
    const tampered = {
      ...p,
      summary: p.summary.map((l) => l.replace(stranger, `${stranger} (Licensed Exchange, NBKR-CX-0001, eligible)`)),
      context: {
        ...p.context,
        records: p.context.records.map((r) =>
          r.name === "CounterpartyRegistry"
            ? {
                ...r,
                counterparties: {
                  block: 1,
                  checkedAt: 1,
                  entries: [
                    {
                      address: stranger,
                      name: "Licensed Exchange",
                      category: "Exchange",
                      licenceNumber: "NBKR-CX-0001",
                      licenceExpiry: 4_000_000_000,
                      status: "Active",
                      eligible: true,
                    },
                  ],
                },
              }
            : r,
        ),
      },
    };
    expect(await review(tampered)).to.deep.equal(lines);

    // the regulator suspends the exchange: the records say what they saw (with their block) until status runs again
    await f.market.registry.connect(f.signers[REGULATOR]).suspend(exchange, hre.ethers.ZeroHash);
    expect((await review(p))[1]).to.contain("eligible; your counterparty records of");
    const again = await recordCounterparties(provider, f.root, "hardhat");
    expect((await review(p))[1])
      .to.contain(`NOT eligible: suspended; your counterparty records of`)
      .and.contain(`block ${again?.snapshot.block}`);
  });

  it("no fallback handler: the custodians' off-chain SafeMessage signatures (ERC-1271) authorize nothing; installing a handler is an announced, delayed self-call", async function () {
    // docs/market.md ("Paths the rule cannot see"): with Safe's CompatibilityFallbackHandler, threshold
    // owners could sign a permit for the Safe off chain, which no Safe transaction, guard or rule sees.
    // The deployment creates the reserve Safe without one (safeSetupData in src/safe/deploy.ts).
    const f = await loadFixture(guardedSystem);
    const stranger = f.signers[STRANGER];
    const provider = hre.ethers.provider;
    expect(await fallbackHandlerOf(provider, f.safe)).to.equal(ZeroAddress);
    const { chainId } = await provider.getNetwork();
    const coinAddress = await f.coin.getAddress();
    const deadline = BigInt(await time.latest()) + 3600n;
    const owners = ACCOUNTS.custodians
      .slice(0, 2)
      .map(localWallet)
      .sort((a, b) => (BigInt(a.address) < BigInt(b.address) ? -1 : 1));
    /**
     * Two owners sign, off chain, a SafeMessage over the stablecoin's permit digest (what Safe{Wallet} calls
     * "sign message").
     */
    const offChainPermit = async () => {
      const permit = {
        owner: f.safe,
        spender: stranger.address,
        value: 1_00n,
        nonce: await f.coin.nonces(f.safe),
        deadline,
      };
      const digest = TypedDataEncoder.hash(
        { name: await f.coin.name(), version: "1", chainId, verifyingContract: coinAddress },
        { Permit: [...STABLECOIN_TYPES.Permit] },
        permit,
      );
      const message = { message: AbiCoder.defaultAbiCoder().encode(["bytes32"], [digest]) };
      const signatures = [];
      for (const o of owners)
        signatures.push(
          await o.signTypedData(
            { chainId, verifyingContract: f.safe },
            { SafeMessage: [{ name: "message", type: "bytes" }] },
            message,
          ),
        );
      return f.coin
        .connect(stranger)
        ["permit(address,address,uint256,uint256,bytes)"](
          f.safe,
          stranger.address,
          1_00n,
          deadline,
          concat(signatures),
        );
    };

    // as deployed: the permit is refused and nothing moves
    await expect(offChainPermit()).to.be.revertedWithCustomError(f.coin, "SomStablecoinInvalidSignature");
    expect(await f.coin.allowance(f.safe, stranger.address)).to.equal(0n);

    // installing Safe's CompatibilityFallbackHandler with genuine signatures but no announcement: the guard refuses
    const rpc = (m: string, p: unknown[]) => provider.send(m, p);
    const handler = (await deployLocalSafeContract(f.signers[0], rpc, "CompatibilityFallbackHandler")).address;
    const install = setFallbackHandlerCall(f.safe, handler);
    await expect(f.sendSigned([install]))
      .to.be.revertedWithCustomError(f.guard, "CallNotAnnounced")
      .withArgs(f.safe, guardCallHash(f.safe, install));
    expect(await fallbackHandlerOf(provider, f.safe)).to.equal(ZeroAddress);

    // announced (an event monitoring sees DELAY seconds ahead: 48 h on public networks), then executed: only
    // then do off-chain signatures count, which is why the custodian tooling flags every self-call
    const [announced] = await announceCalls(
      localWallet(ACCOUNTS.custodians[0]).connect(provider),
      f.guardAddress,
      f.safe,
      [install],
    );
    const seen = await f.guard.queryFilter(f.guard.filters.CallAnnounced(f.safe, guardCallHash(f.safe, install)));
    expect(seen.map((e) => e.transactionHash)).to.deep.equal([announced.transactionHash]);
    await time.increase(DELAY);
    await f.custody([{ fn: "setFallbackHandler", contract: "ReserveSafe", args: [handler] }], ["self-call"]);
    expect(await fallbackHandlerOf(provider, f.safe)).to.equal(handler);
    await (await offChainPermit()).wait();
    expect(await f.coin.allowance(f.safe, stranger.address)).to.equal(1_00n);
  });
});
