/**
 * Model-based invariant test of an AssetToken created through the real AssetFactory, with the real
 * IdentityRegistry and the real AttestationRegistry as valuation source. fast-check generates
 * random sequences of issue, distribute, transfer, transferFrom, partial and full freezes, forced
 * transfers (including from == to), wallet recovery, KYC registration / expiry / renewal / removal
 * with random countries, pause, burn and the asset's holder rules (allowed countries, maximum
 * holders, maximum balance); enforcement on the reserve's own account is tried by the enforcer
 * (refused: only the reserve moves its shares out) and by the reserve; a TypeScript model predicts every
 * balance and every revert (exact custom error and arguments) at the exact block time; the invariants of
 * docs/invariants.md are checked after every command.
 *
 * About "the frozen amount never exceeds the balance" (issue 8): the token follows the ERC-7943
 * draft (docs/assets.md), which says setFrozenTokens MUST allow freezing more than the holder has
 * (withholding of future receipts), so that statement is false by design. The draft-compatible
 * form is checked instead: an ordinary movement never takes more than `balance - min(frozen,
 * balance)` (after it, the sender still holds at least min(frozen, balance before)), and frozen
 * tokens move only by forcedTransfer or recoverWallet.
 */
import { expect } from "chai";
import fc from "fast-check";
import hre, { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { Interface } from "ethers";
import type { AssetToken, IdentityRegistry } from "../../typechain-types";
import { createAsset, deployAssetStack } from "../../src/assets";
import { deployRegistry } from "../attestation/fixture";
import { COUNTRY_KG, assetParams } from "../assets/fixture";
import {
  GAS,
  ModelCommand,
  amountArb,
  assertProperty,
  err,
  expectOutcome,
  mineAt,
  nextTimestamp,
  ok,
  pick,
  readAll,
  runSettings,
  view,
  type AmountChoice,
  type Outcome,
} from "./harness";

const FILE = "test/invariants/asset.invariants.test.ts";
const SETTINGS = runSettings({ seed: 7_943, numRuns: 40, maxCommands: 25 });

const TOTAL_SHARES = 20_000n;
const MINTED = 10_000n;
const HOLDING = 1_000n;
/** KYC of the initial holders lasts 100,000 s (about 28 hours): expiry is reachable within a run. */
const KYC_TERM = 100_000n;
const REF = ethers.encodeBytes32String("court:2026/0042");

// ------------------------------------------------------------------ chain

async function system() {
  const signers = await ethers.getSigners();
  const [
    deployer,
    kycOfficer,
    upgrader,
    reserve,
    creator,
    issuer,
    enforcer,
    pauser,
    tokenAdmin,
    admin,
    alice,
    bob,
    carol,
    dave,
    erin,
    outsider,
  ] = signers;
  const valuationSource = await deployRegistry(
    admin.address,
    signers.slice(16, 19).map((s) => s.address),
    2,
  );
  const stack = await deployAssetStack(hre, {
    deployer,
    admin: admin.address,
    kycOfficer: kycOfficer.address,
    upgrader: upgrader.address,
    reserve: reserve.address,
    creator: creator.address,
    valuationSource: await valuationSource.getAddress(),
    adminDelay: 86_400,
  });
  const params = {
    ...assetParams({
      admin: tokenAdmin.address,
      issuer: issuer.address,
      enforcer: enforcer.address,
      pauser: pauser.address,
      custodian: tokenAdmin.address,
    }),
    totalShares: TOTAL_SHARES,
  };
  const { token } = await createAsset(stack.factory.connect(creator), params);
  const registry = stack.identityRegistry.connect(kycOfficer);
  const expiry = BigInt(await time.latest()) + KYC_TERM;
  // alice, bob, carol, erin verified; dave never registered
  const verified = [alice, bob, carol, erin].map((s) => s.address);
  await registry.registerIdentities(
    verified,
    verified.map(() => COUNTRY_KG),
    verified.map(() => expiry),
  );
  await token.connect(issuer).mint(MINTED);
  for (const h of [alice, bob, carol]) await token.connect(reserve).transfer(h.address, HOLDING);
  const reads = await (await ethers.getContractFactory("ReadBatchMock")).deploy();
  return {
    reads,
    token: token as AssetToken,
    registry: registry as IdentityRegistry,
    expiry,
    kycOfficer,
    reserve,
    issuer,
    enforcer,
    pauser,
    tokenAdmin,
    alice,
    bob,
    carol,
    dave,
    erin,
    outsider,
  };
}

type System = Awaited<ReturnType<typeof system>>;

interface Real {
  s: System;
  ifaces: Interface[];
  signer: Record<Actor, HardhatEthersSigner>;
}

// ------------------------------------------------------------------ model

type Actor = "reserve" | "alice" | "bob" | "carol" | "dave" | "erin";
const ACTORS: readonly Actor[] = ["reserve", "alice", "bob", "carol", "dave", "erin"];
const ORDINARY = new Set([
  "issue",
  "distribute",
  "transfer",
  "transferFrom",
  "setFrozenTokens",
  "freeze",
  "unfreeze",
  "kyc",
  "advanceTime",
  "pause",
  "unpause",
  "burn",
  "holderRules",
]);
const COUNTRIES = [COUNTRY_KG, 398, 840] as const;

interface AccountState {
  balance: bigint;
  frozen: bigint;
  full: boolean;
  /** identity registry kycExpiry, 0 = not registered */
  expiry: bigint;
  /** identity registry country, 0 = not registered */
  country: number;
}

interface HolderRulesModel {
  /** allowed countries; empty = no country rule */
  countries: number[];
  maxHolders: number;
  maxBalance: bigint;
}

interface Model {
  addr: Record<Actor, string>;
  acc: Record<Actor, AccountState>;
  supply: bigint;
  paused: boolean;
  rules: HolderRulesModel;
}

function clone(m: Model): Model {
  const acc = {} as Record<Actor, AccountState>;
  for (const a of ACTORS) acc[a] = { ...m.acc[a] };
  return {
    addr: { ...m.addr },
    acc,
    supply: m.supply,
    paused: m.paused,
    rules: { ...m.rules, countries: [...m.rules.countries] },
  };
}

const holderCount = (m: Model): number => ACTORS.filter((a) => m.acc[a].balance > 0n).length;

/**
 * The holder rules for crediting `amount` to `to` (the reserve exempt), as the token states them: the
 * first broken rule's error, or ok. `joins` says whether the credit may add a holder (recovery never does).
 */
function ruleOutcome(m: Model, to: Actor, amount: bigint, joins: boolean): Outcome {
  if (to === "reserve") return ok;
  const acc = m.acc[to];
  const { countries, maxHolders, maxBalance } = m.rules;
  if (countries.length > 0 && !countries.includes(acc.country))
    return err("AssetTokenCountryNotAllowed", m.addr[to], acc.country);
  if (maxBalance !== 0n && acc.balance + amount > maxBalance)
    return err("AssetTokenMaxBalanceExceeded", m.addr[to], acc.balance + amount, maxBalance);
  if (joins && acc.balance === 0n && amount !== 0n && maxHolders !== 0 && holderCount(m) >= maxHolders) {
    return err("AssetTokenMaxHoldersReached", m.addr[to], maxHolders);
  }
  return ok;
}

/** Enforcement on `account` by the enforcer or by the reserve: only the reserve acts on the reserve. */
function authOutcome(m: Model, account: Actor, byReserve: boolean, r: Real): Outcome {
  if (account === "reserve") return byReserve ? ok : err("AssetTokenReserveOnly", r.s.enforcer.address);
  return byReserve ? err("AccessControlUnauthorizedAccount", m.addr.reserve, ethers.id("ENFORCER_ROLE")) : ok;
}

/** The registry's rule: registered and not expired at `t` (strictly before expiry), or the reserve. */
const verified = (m: Model, a: Actor, t: bigint): boolean => a === "reserve" || t < m.acc[a].expiry;
const canTransact = (m: Model, a: Actor, t: bigint): boolean => verified(m, a, t) && !m.acc[a].full;
const unfrozen = (s: AccountState): bigint => (s.frozen < s.balance ? s.balance - s.frozen : 0n);

async function setup(): Promise<{ model: Model; real: Real }> {
  const s = await loadFixture(system);
  const signer: Record<Actor, HardhatEthersSigner> = {
    reserve: s.reserve,
    alice: s.alice,
    bob: s.bob,
    carol: s.carol,
    dave: s.dave,
    erin: s.erin,
  };
  const addr = {} as Record<Actor, string>;
  for (const a of ACTORS) addr[a] = signer[a].address.toLowerCase();
  const state = (balance: bigint, expiry: bigint): AccountState => ({
    balance,
    frozen: 0n,
    full: false,
    expiry,
    country: expiry === 0n ? 0 : COUNTRY_KG,
  });
  const model: Model = {
    addr,
    acc: {
      reserve: state(MINTED - 3n * HOLDING, 0n),
      alice: state(HOLDING, s.expiry),
      bob: state(HOLDING, s.expiry),
      carol: state(HOLDING, s.expiry),
      dave: state(0n, 0n),
      erin: state(0n, s.expiry),
    },
    supply: MINTED,
    paused: false,
    rules: { countries: [], maxHolders: 0, maxBalance: 0n },
  };
  return { model, real: { s, ifaces: [s.token.interface, s.registry.interface], signer } };
}

// ------------------------------------------------------------------ invariants

async function checkInvariants(m: Model, r: Real, command: string, before: Model): Promise<void> {
  const { token, registry } = r.s;
  const where = `after ${command}`;
  // every read of the step in one eth_call (the latest block), then the assertions
  const latest = BigInt(await time.latest());
  const at = ACTORS.map((a) => m.addr[a]);
  const { balances, frozen, full, identities, supply, paused, rules, receives } = await readAll(r.s.reads, {
    balances: at.map((a) => view(token, token.balanceOf, a)),
    frozen: at.map((a) => view(token, token.getFrozenTokens, a)),
    full: at.map((a) => view(token, token.isFrozen, a)),
    identities: at.map((a) => view(registry, registry.identity, a)),
    supply: view(token, token.totalSupply),
    paused: view(token, token.paused),
    rules: view(token, token.holderRules),
    receives: at.map((a) => view(token, token.canReceive, a)),
  });
  const chain = {} as Record<Actor, { balance: bigint; frozen: bigint; full: boolean; expiry: bigint }>;
  ACTORS.forEach((a, i) => {
    chain[a] = { balance: balances[i], frozen: frozen[i], full: full[i], expiry: identities[i].kycExpiry };
  });

  // sum of balances == totalSupply <= totalShares
  const sum = ACTORS.reduce((acc, a) => acc + chain[a].balance, 0n);
  expect(sum, `${where}: sum of balances == totalSupply`).to.equal(supply);
  expect(supply <= TOTAL_SHARES, `${where}: totalSupply ${supply} <= totalShares`).to.equal(true);

  // frozen tokens never move except by forcedTransfer / recoverWallet: after any other command every
  // holder still has at least min(frozen, balance) of what it had before
  if (ORDINARY.has(command)) {
    for (const a of ACTORS) {
      const b = before.acc[a];
      const floor = b.frozen < b.balance ? b.frozen : b.balance;
      expect(
        chain[a].balance >= floor,
        `${where}: ${a} spent frozen tokens (${b.balance} -> ${chain[a].balance}, frozen ${b.frozen})`,
      ).to.equal(true);
    }
  }

  // model == chain
  for (const a of ACTORS) {
    expect(chain[a], `${where}: account ${a}`).to.deep.equal({
      balance: m.acc[a].balance,
      frozen: m.acc[a].frozen,
      full: m.acc[a].full,
      expiry: m.acc[a].expiry,
    });
  }
  expect(supply, `${where}: totalSupply`).to.equal(m.supply);
  expect(paused, `${where}: paused`).to.equal(m.paused);
  expect(
    ACTORS.map((a) => m.acc[a].country),
    `${where}: countries`,
  ).to.deep.equal(identities.map((id) => Number(id.country)));

  // holder rules: the count is the number of accounts holding shares; ERC-7943 canReceive reflects the rules
  expect(Number(rules.holderCount), `${where}: holderCount`).to.equal(holderCount(m));
  expect([rules.countryRestricted, Number(rules.maxHolders), rules.maxBalance], `${where}: rules`).to.deep.equal([
    m.rules.countries.length > 0,
    m.rules.maxHolders,
    m.rules.maxBalance,
  ]);
  ACTORS.forEach((a, i) => {
    const expiry = m.acc[a].expiry;
    // away from a KYC expiry, so the call's block time cannot straddle it
    if (a !== "reserve" && expiry > latest - 60n && expiry < latest + 60n) return;
    const expected = canTransact(m, a, latest) && ruleOutcome(m, a, 1n, true).ok;
    expect(receives[i], `${where}: canReceive(${a})`).to.equal(expected);
  });
}

// ------------------------------------------------------------------ commands

type Cmd = ModelCommand<Model, Real>;
const cmd = (name: string, params: object, body: (m: Model, r: Real) => Promise<void>): Cmd =>
  new ModelCommand<Model, Real>(name, params, body, checkInvariants, clone);

const actorArb = fc.constantFrom<Actor>(...ACTORS);
const holderArb = fc.constantFrom<Actor>(...ACTORS.filter((a) => a !== "reserve"));
const rarely = fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });

const issueArb = fc.record({ amount: amountArb, unauthorized: rarely }).map((p) =>
  cmd("issue", p, async (m, r) => {
    const t = await nextTimestamp();
    const amount = pick(TOTAL_SHARES - m.supply, p.amount);
    let expected: Outcome = ok;
    if (p.unauthorized)
      expected = err("AccessControlUnauthorizedAccount", r.s.outsider.address, ethers.id("ISSUER_ROLE"));
    else if (amount > TOTAL_SHARES - m.supply)
      expected = err("AssetTokenSharesCapExceeded", amount, m.supply, TOTAL_SHARES);
    else if (m.acc.reserve.full) expected = err("ERC7943CannotReceive", m.addr.reserve);
    const caller = p.unauthorized ? r.s.outsider : r.s.issuer;
    const actual = await mineAt(t, () => r.s.token.connect(caller).mint(amount, { gasLimit: GAS }), r.ifaces);
    expectOutcome(actual, expected, `issue ${amount}`);
    if (actual.ok) {
      m.supply += amount;
      m.acc.reserve.balance += amount;
    }
  }),
);

/** When a transfer is mined: next second, or exactly at the sender's / recipient's KYC expiry (if ahead). */
type When = "next" | "senderExpiry" | "recipientExpiry";
const whenArb = fc.constantFrom<When>("next", "next", "next", "next", "senderExpiry", "recipientExpiry");

function transferCommand(
  name: string,
  from: Actor,
  to: Actor,
  amount: AmountChoice,
  ofBalance: boolean,
  when: When,
  spender?: Actor,
): Cmd {
  return cmd(name, { from, to, amount, ofBalance, when, spender }, async (m, r) => {
    const next = await nextTimestamp();
    const boundary = when === "senderExpiry" ? m.acc[from].expiry : when === "recipientExpiry" ? m.acc[to].expiry : 0n;
    const t = boundary > next ? boundary : next;
    const sender = m.acc[from];
    const value = pick(ofBalance ? sender.balance : unfrozen(sender), amount);
    let expected: Outcome = ok;
    // transferFrom: the USDC 2018 bug: a fully frozen spender spends nothing
    if (spender !== undefined && m.acc[spender].full) expected = err("AssetTokenSpenderFrozen", m.addr[spender]);
    else if (m.paused) expected = err("AssetTokenPaused");
    else if (!canTransact(m, from, t)) expected = err("ERC7943CannotSend", m.addr[from]);
    else if (!canTransact(m, to, t)) expected = err("ERC7943CannotReceive", m.addr[to]);
    else if (value > sender.balance) expected = err("ERC20InsufficientBalance", m.addr[from], sender.balance, value);
    else if (value > unfrozen(sender))
      expected = err("ERC7943InsufficientUnfrozenBalance", m.addr[from], value, unfrozen(sender));
    else if (from !== to) expected = ruleOutcome(m, to, value, true);
    const actual = await mineAt(
      t,
      () =>
        spender === undefined
          ? r.s.token.connect(r.signer[from]).transfer(m.addr[to], value, { gasLimit: GAS })
          : r.s.token.connect(r.signer[spender]).transferFrom(m.addr[from], m.addr[to], value, { gasLimit: GAS }),
      r.ifaces,
    );
    expectOutcome(actual, expected, `${name} ${from} -> ${to} ${value} at ${t}`);
    // stated on its own: a transfer into or out of an unverified or expired holder never succeeds
    if (!verified(m, from, t) || !verified(m, to, t)) {
      expect(actual.ok, `${name} with an unverified party (${from} -> ${to}) succeeded`).to.equal(false);
    }
    if (actual.ok) {
      m.acc[from].balance -= value;
      m.acc[to].balance += value;
    }
  });
}

const distributeArb = fc
  .record({ to: holderArb, amount: amountArb, ofBalance: fc.boolean(), when: whenArb })
  .map((p) => transferCommand("distribute", "reserve", p.to, p.amount, p.ofBalance, p.when));

const transferArb = fc
  .record({ from: holderArb, to: actorArb, amount: amountArb, ofBalance: fc.boolean(), when: whenArb })
  .map((p) => transferCommand("transfer", p.from, p.to, p.amount, p.ofBalance, p.when));

/** transferFrom by a spender with an unlimited allowance (approved in the command, then spent). */
const transferFromArb = fc
  .record({ from: holderArb, to: actorArb, spender: holderArb, amount: amountArb, ofBalance: fc.boolean() })
  .map((p) => {
    const inner = transferCommand("transferFrom", p.from, p.to, p.amount, p.ofBalance, "next", p.spender);
    return cmd("transferFrom", p, async (m, r) => {
      await r.s.token.connect(r.signer[p.from]).approve(m.addr[p.spender], ethers.MaxUint256, { gasLimit: GAS });
      await inner.run(m, r);
    });
  });

const setFrozenArb = fc
  .record({
    account: actorArb,
    kind: fc.constantFrom("part", "balance", "above", "zero"),
    perMille: fc.integer({ min: 0, max: 1000 }),
    byReserve: rarely,
  })
  .map((p) =>
    cmd("setFrozenTokens", p, async (m, r) => {
      const t = await nextTimestamp();
      const balance = m.acc[p.account].balance;
      const amount =
        p.kind === "part"
          ? (balance * BigInt(p.perMille)) / 1000n
          : p.kind === "balance"
            ? balance
            : p.kind === "above"
              ? balance + 1n + BigInt(p.perMille)
              : 0n;
      const caller = p.byReserve ? r.s.reserve : r.s.enforcer;
      const actual = await mineAt(
        t,
        () => r.s.token.connect(caller).setFrozenTokens(m.addr[p.account], amount, { gasLimit: GAS }),
        r.ifaces,
      );
      expectOutcome(actual, authOutcome(m, p.account, p.byReserve, r), `setFrozenTokens ${p.account} ${amount}`);
      if (actual.ok) m.acc[p.account].frozen = amount;
    }),
  );

const fullFreezeArb = fc
  .record({ action: fc.constantFrom("freeze", "unfreeze"), account: actorArb, byReserve: rarely })
  .map((p) =>
    cmd(p.action, p, async (m, r) => {
      const t = await nextTimestamp();
      const token = r.s.token.connect(p.byReserve ? r.s.reserve : r.s.enforcer);
      const actual = await mineAt(
        t,
        () =>
          p.action === "freeze"
            ? token.freeze(m.addr[p.account], { gasLimit: GAS })
            : token.unfreeze(m.addr[p.account], { gasLimit: GAS }),
        r.ifaces,
      );
      expectOutcome(actual, authOutcome(m, p.account, p.byReserve, r), `${p.action} ${p.account}`);
      if (actual.ok) m.acc[p.account].full = p.action === "freeze";
    }),
  );

const forcedArb = fc
  .record({
    from: actorArb,
    to: fc.oneof({ weight: 2, arbitrary: actorArb }, { weight: 1, arbitrary: fc.constant<"same">("same") }),
    amount: amountArb,
    ofBalance: fc.boolean(),
    ref: fc.constantFrom("ref", "ref", "ref", "none", "none", "zero"),
    byReserve: rarely,
  })
  .map((p) =>
    cmd("forcedTransfer", p, async (m, r) => {
      const t = await nextTimestamp();
      const from = p.from;
      const to = p.to === "same" ? from : p.to;
      const sender = m.acc[from];
      const value = pick(p.ofBalance ? sender.balance : unfrozen(sender), p.amount);
      const frozenBefore = await r.s.token.getFrozenTokens(m.addr[from]);
      let expected: Outcome = ok;
      const auth = authOutcome(m, from, p.byReserve, r);
      if (p.ref === "zero") expected = err("AssetTokenReferenceRequired");
      else if (!auth.ok) expected = auth;
      else if (!canTransact(m, to, t)) expected = err("ERC7943CannotReceive", m.addr[to]);
      else if (value > sender.balance) expected = err("ERC20InsufficientBalance", m.addr[from], sender.balance, value);
      else if (from === to && value > unfrozen(sender))
        expected = err("ERC7943InsufficientUnfrozenBalance", m.addr[from], value, unfrozen(sender));
      else if (from !== to) expected = ruleOutcome(m, to, value, true);
      const token = r.s.token.connect(p.byReserve ? r.s.reserve : r.s.enforcer);
      const actual = await mineAt(
        t,
        () =>
          p.ref === "none"
            ? token["forcedTransfer(address,address,uint256)"](m.addr[from], m.addr[to], value, { gasLimit: GAS })
            : token["forcedTransfer(address,address,uint256,bytes32)"](
                m.addr[from],
                m.addr[to],
                value,
                p.ref === "zero" ? ethers.ZeroHash : REF,
                { gasLimit: GAS },
              ),
        r.ifaces,
      );
      expectOutcome(actual, expected, `forcedTransfer ${from} -> ${to} ${value}`);
      if (from === to) {
        // forcedTransfer(a, a, x) never changes the frozen amount (OZ community #244 / CMTAT #380)
        expect(
          await r.s.token.getFrozenTokens(m.addr[from]),
          "forcedTransfer(a, a, x) changed the frozen amount",
        ).to.equal(frozenBefore);
      }
      if (!actual.ok || from === to) return;
      const free = unfrozen(sender);
      if (value > free) sender.frozen -= value - free;
      sender.balance -= value;
      m.acc[to].balance += value;
    }),
  );

const recoverArb = fc.record({ lost: actorArb, to: actorArb, zeroRef: rarely, byReserve: rarely }).map((p) =>
  cmd("recoverWallet", p, async (m, r) => {
    const t = await nextTimestamp();
    const lost = m.acc[p.lost];
    const next = m.acc[p.to];
    let expected: Outcome;
    const auth = authOutcome(m, p.lost, p.byReserve, r);
    if (p.zeroRef) expected = err("AssetTokenReferenceRequired");
    else if (!auth.ok) expected = auth;
    // the reserve never inherits frozen state (a frozen amount or a full freeze)
    else if (
      p.lost === p.to ||
      (lost.balance === 0n && lost.frozen === 0n) ||
      (p.to === "reserve" && (lost.frozen !== 0n || lost.full))
    ) {
      expected = err("AssetTokenInvalidRecovery", m.addr[p.lost], m.addr[p.to]);
    } else if (!canTransact(m, p.to, t)) expected = err("ERC7943CannotReceive", m.addr[p.to]);
    else expected = ruleOutcome(m, p.to, lost.balance, false);
    const actual = await mineAt(
      t,
      () =>
        r.s.token
          .connect(p.byReserve ? r.s.reserve : r.s.enforcer)
          .recoverWallet(m.addr[p.lost], m.addr[p.to], p.zeroRef ? ethers.ZeroHash : REF, { gasLimit: GAS }),
      r.ifaces,
    );
    expectOutcome(actual, expected, `recoverWallet ${p.lost} -> ${p.to}`);
    if (!actual.ok) return;
    next.balance += lost.balance;
    next.frozen += lost.frozen;
    next.full = lost.full;
    m.acc[p.lost] = { balance: 0n, frozen: 0n, full: true, expiry: lost.expiry, country: lost.country };
  }),
);

const kycArb = fc
  .record({
    action: fc.constantFrom("register", "register", "update", "remove"),
    account: actorArb,
    term: fc.constantFrom("short", "long", "now"),
    seconds: fc.integer({ min: 1, max: 3_600 }),
    selfIssued: rarely,
    country: fc.constantFrom(...COUNTRIES),
  })
  .map((p) =>
    cmd("kyc", p, async (m, r) => {
      const t = await nextTimestamp();
      const a = m.acc[p.account];
      const expiry =
        p.term === "short" ? t + BigInt(p.seconds) : p.term === "long" ? t + KYC_TERM + BigInt(p.seconds) : t;
      let expected: Outcome = ok;
      // ERC-3643 #101: nobody but the KYC officer writes identities (no self-issued claim)
      if (p.selfIssued)
        expected = err("AccessControlUnauthorizedAccount", m.addr[p.account], ethers.id("KYC_OFFICER_ROLE"));
      else if (p.action === "register" && a.expiry !== 0n)
        expected = err("IdentityRegistryAlreadyRegistered", m.addr[p.account]);
      else if (p.action !== "register" && a.expiry === 0n)
        expected = err("IdentityRegistryNotRegistered", m.addr[p.account]);
      else if (p.action !== "remove" && expiry <= t)
        expected = err("IdentityRegistryExpiryNotInFuture", m.addr[p.account], expiry, t);
      const registry = p.selfIssued ? r.s.registry.connect(r.signer[p.account]) : r.s.registry;
      const actual = await mineAt(
        t,
        () =>
          p.action === "register"
            ? registry.registerIdentity(m.addr[p.account], p.country, expiry, { gasLimit: GAS })
            : p.action === "update"
              ? registry.updateIdentity(m.addr[p.account], p.country, expiry, { gasLimit: GAS })
              : registry.removeIdentity(m.addr[p.account], { gasLimit: GAS }),
        r.ifaces,
      );
      expectOutcome(actual, expected, `kyc ${p.action} ${p.account} until ${expiry} at ${t}`);
      if (actual.ok) {
        a.expiry = p.action === "remove" ? 0n : expiry;
        a.country = p.action === "remove" ? 0 : p.country;
      }
    }),
  );

/** Moves time: a little, or to a holder's KYC expiry (just before, exactly at, or after it). */
const advanceArb = fc
  .record({
    kind: fc.constantFrom("small", "justBeforeExpiry", "atExpiry", "pastExpiry"),
    account: holderArb,
    seconds: fc.integer({ min: 1, max: 3_600 }),
  })
  .map((p) =>
    cmd("advanceTime", p, async (m) => {
      const latest = BigInt(await time.latest());
      const expiry = m.acc[p.account].expiry;
      // the next transaction is mined one second after the target block
      const target =
        p.kind === "small"
          ? latest + BigInt(p.seconds)
          : p.kind === "justBeforeExpiry"
            ? expiry - 2n
            : p.kind === "atExpiry"
              ? expiry - 1n
              : expiry + BigInt(p.seconds);
      if (target > latest) await time.increaseTo(target);
    }),
  );

/**
 * Pause is the pauser's (instant); unpause the token admin's (the Safe's): every unpause is first tried by
 * the pauser, which must be refused, then made by the admin.
 */
const pauseArb = fc.constantFrom("pause", "unpause", "unpause").map((action) =>
  cmd(action, { action }, async (m, r) => {
    let t = await nextTimestamp();
    if (action === "unpause") {
      const byPauser = await mineAt(t, () => r.s.token.connect(r.s.pauser).unpause({ gasLimit: GAS }), r.ifaces);
      expectOutcome(
        byPauser,
        err("AccessControlUnauthorizedAccount", r.s.pauser.address, ethers.ZeroHash),
        "unpause by the pauser",
      );
      t += 1n;
    }
    const token = r.s.token.connect(action === "pause" ? r.s.pauser : r.s.tokenAdmin);
    let expected: Outcome = ok;
    if (action === "pause" && m.paused) expected = err("AssetTokenPaused");
    else if (action === "unpause" && !m.paused) expected = err("AssetTokenNotPaused");
    const actual = await mineAt(
      t,
      () => (action === "pause" ? token.pause({ gasLimit: GAS }) : token.unpause({ gasLimit: GAS })),
      r.ifaces,
    );
    expectOutcome(actual, expected, action);
    if (actual.ok) m.paused = action === "pause";
  }),
);

const burnArb = fc.record({ amount: amountArb, ofBalance: fc.boolean(), zeroRef: rarely }).map((p) =>
  cmd("burn", p, async (m, r) => {
    const t = await nextTimestamp();
    const reserve = m.acc.reserve;
    const value = pick(p.ofBalance ? reserve.balance : unfrozen(reserve), p.amount);
    let expected: Outcome = ok;
    if (p.zeroRef) expected = err("AssetTokenReferenceRequired");
    else if (reserve.full) expected = err("ERC7943CannotSend", m.addr.reserve);
    else if (value > reserve.balance)
      expected = err("ERC20InsufficientBalance", m.addr.reserve, reserve.balance, value);
    else if (value > unfrozen(reserve))
      expected = err("ERC7943InsufficientUnfrozenBalance", m.addr.reserve, value, unfrozen(reserve));
    const actual = await mineAt(
      t,
      () => r.s.token.connect(r.s.reserve).burn(value, p.zeroRef ? ethers.ZeroHash : REF, { gasLimit: GAS }),
      r.ifaces,
    );
    expectOutcome(actual, expected, `burn ${value}`);
    if (actual.ok) {
      reserve.balance -= value;
      m.supply -= value;
    }
  }),
);

/** The asset admin (the Safe) changes one holder rule; rarely someone else tries. */
const holderRulesArb = fc
  .record({
    rule: fc.constantFrom("countries", "maxHolders", "maxBalance"),
    countries: fc.subarray([...COUNTRIES]),
    maxHolders: fc.integer({ min: 0, max: 6 }),
    maxBalance: fc.constantFrom(0n, 500n, HOLDING, 2n * HOLDING),
    unauthorized: rarely,
  })
  .map((p) =>
    cmd("holderRules", p, async (m, r) => {
      const t = await nextTimestamp();
      const token = r.s.token.connect(p.unauthorized ? r.s.enforcer : r.s.tokenAdmin);
      const expected = p.unauthorized
        ? err("AccessControlUnauthorizedAccount", r.s.enforcer.address, ethers.ZeroHash)
        : ok;
      const actual = await mineAt(
        t,
        () =>
          p.rule === "countries"
            ? token.setAllowedCountries(p.countries, { gasLimit: GAS })
            : p.rule === "maxHolders"
              ? token.setMaxHolders(p.maxHolders, { gasLimit: GAS })
              : token.setMaxBalance(p.maxBalance, { gasLimit: GAS }),
        r.ifaces,
      );
      expectOutcome(actual, expected, `holder rule ${p.rule}`);
      if (!actual.ok) return;
      if (p.rule === "countries") m.rules.countries = [...p.countries];
      else if (p.rule === "maxHolders") m.rules.maxHolders = p.maxHolders;
      else m.rules.maxBalance = p.maxBalance;
    }),
  );

// ------------------------------------------------------------------ property

const commands = fc.commands(
  [
    issueArb,
    distributeArb,
    distributeArb,
    transferArb,
    transferArb,
    transferArb,
    setFrozenArb,
    setFrozenArb,
    fullFreezeArb,
    forcedArb,
    forcedArb,
    recoverArb,
    kycArb,
    kycArb,
    advanceArb,
    pauseArb,
    burnArb,
    transferFromArb,
    holderRulesArb,
    holderRulesArb,
  ],
  { maxCommands: SETTINGS.maxCommands, size: "max" },
);

describe("invariants: asset token with identity and attestation registries (model-based)", function () {
  it("model == chain after every command; supply within shares; frozen tokens move only by enforcement; holder rules hold", async function () {
    await loadFixture(system);
    await assertProperty(
      "asset",
      fc.asyncProperty(commands, async (cmds) => {
        await fc.asyncModelRun(setup, cmds);
      }),
      SETTINGS,
      FILE,
    );
  });
});
