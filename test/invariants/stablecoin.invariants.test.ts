/**
 * Model-based invariant test of SomStablecoin (UUPS proxy) reading the REAL AttestationRegistry
 * (2-of-3 EOA attestors signing EIP-712 reports; SOM_RESERVES configured with the stablecoin as its
 * listener). fast-check generates random command sequences; a TypeScript model predicts every
 * balance and every revert (exact custom error and arguments); after every command the invariants
 * of docs/invariants.md are checked against the chain.
 */
import { expect } from "chai";
import fc from "fast-check";
import hre, { ethers, upgrades } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { Interface } from "ethers";
import type { AttestationRegistry, SomStablecoinV2Mock } from "../../typechain-types";
import { SOM_RESERVES, type Report } from "../../src/attestation/report";
import { signReport } from "../../src/attestation/sign";
import { signPermit, signTransferWithAuthorization, type StablecoinDomain } from "../../src/stablecoin/signatures";
import { DOC, deployRegistry, sortSigners } from "../attestation/fixture";
import { configureMinter, deployStablecoinSystem } from "../../src/stablecoin/deploy";
import { ADMIN_DELAY, DECIMALS, NAME, SYMBOL, role, som } from "../stablecoin/fixture";
import {
  GAS,
  ModelCommand,
  amountArb,
  assertProperty,
  err,
  expectOutcome,
  labeler,
  mineAt,
  nextTimestamp,
  ok,
  pick,
  runSettings,
  show,
  type AmountChoice,
  type Outcome,
} from "./harness";

const FILE = "test/invariants/stablecoin.invariants.test.ts";
const SETTINGS = runSettings({ seed: 20_260_801, numRuns: 40, maxCommands: 25 });

/** Registry: a report is accepted while at most one day old; attestors' clocks may run 5 minutes ahead. */
const REGISTRY_MAX_AGE = 86_400n;
const SKEW = 300n;
/** Stablecoin: mints need a report at most two days old. */
const MAX_RESERVE_AGE = 2n * 86_400n;
const RESERVES = som(1_000_000);
const MINTER_ALLOWANCE = som(600_000);
const INITIAL_MINT = som(100_000);
const HOLDER_BALANCE = som(1_000);
const U120_MAX = (1n << 120n) - 1n;
const U256_MAX = (1n << 256n) - 1n;

// ------------------------------------------------------------------ chain

async function system() {
  const signers = await ethers.getSigners();
  const [admin, upgrader, minterAdmin, minter, pauser, compliance, reserve, alice, bob, carol, relayer, outsider] =
    signers;
  const attestors = sortSigners(signers.slice(12, 15));
  const registry: AttestationRegistry = await deployRegistry(
    admin.address,
    attestors.map((a) => a.address),
    2,
  );
  const registryAddress = await registry.getAddress();
  const { token, controller } = await deployStablecoinSystem(
    hre,
    admin,
    ADMIN_DELAY,
    {
      name: NAME,
      symbol: SYMBOL,
      decimals: DECIMALS,
      reserve: reserve.address,
      reserveFeed: registryAddress,
      maxReserveAge: MAX_RESERVE_AGE,
    },
    minterAdmin.address,
  );
  const tokenAddress = await token.getAddress();
  await token.connect(admin).grantRole(role("UPGRADER_ROLE"), upgrader.address);
  await token.connect(admin).grantRole(role("BURNER_ROLE"), reserve.address);
  await token.connect(admin).grantRole(role("PAUSER_ROLE"), pauser.address);
  await token.connect(admin).grantRole(role("COMPLIANCE_ROLE"), compliance.address);
  // the rate limit refills its whole capacity every second: in this model only the allowance binds
  await configureMinter(controller.connect(minterAdmin), {
    address: minter.address,
    allowance: MINTER_ALLOWANCE,
    rateLimit: { capacity: MINTER_ALLOWANCE, refillPerSecond: MINTER_ALLOWANCE },
  });
  await registry.connect(admin).configureSubject(SOM_RESERVES, REGISTRY_MAX_AGE, 0, tokenAddress);

  const { chainId } = await ethers.provider.getNetwork();
  // The initial report is post-dated by two seconds (an attestor's clock running fast): the token caches it
  // as of its block, and every later re-sync of it must keep that (the `resync` after each attest).
  const report: Report = {
    subject: SOM_RESERVES,
    value: RESERVES,
    asOf: BigInt(await time.latest()) + 3n,
    docHash: DOC,
    uri: "",
  };
  const sigs = await Promise.all(
    attestors.slice(0, 2).map((a) => signReport({ chainId, registry: registryAddress, report }, a)),
  );
  await registry.submitReport(
    report,
    sigs.map((s) => s.signer),
    sigs.map((s) => s.signature),
  );
  const [, cachedAsOf] = await token.reserveSnapshot();
  expect(cachedAsOf, "the post-dated initial report is cached as of its block").to.equal(BigInt(await time.latest()));
  expect(cachedAsOf < report.asOf).to.equal(true);
  await controller.connect(minter).mint(INITIAL_MINT);
  await token.connect(reserve).transfer(alice.address, HOLDER_BALANCE);
  await token.connect(reserve).transfer(bob.address, HOLDER_BALANCE);

  const domain: StablecoinDomain = { name: NAME, chainId, verifyingContract: tokenAddress };
  return {
    token,
    controller,
    registry,
    registryAddress,
    chainId,
    domain,
    report,
    cachedAsOf,
    admin,
    upgrader,
    minter,
    pauser,
    compliance,
    reserve,
    alice,
    bob,
    carol,
    relayer,
    outsider,
    attestors,
  };
}

type System = Awaited<ReturnType<typeof system>>;

interface Real {
  s: System;
  /** Interfaces that decode every revert a command can produce (the token's first). */
  ifaces: Interface[];
  bySigner: Map<string, HardhatEthersSigner>;
  name: (address: string) => string;
}

// ------------------------------------------------------------------ model

type Holder = "reserve" | "alice" | "bob" | "carol";
type Account = Holder | "minter";
const HOLDERS: readonly Holder[] = ["reserve", "alice", "bob", "carol"];
const ACCOUNTS: readonly Account[] = [...HOLDERS, "minter"];

interface Model {
  /** address (lowercase) of each account */
  addr: Record<Account, string>;
  bal: Record<Account, bigint>;
  frozen: Record<Account, boolean>;
  /** `${owner}>${spender}` over holders */
  allowance: Record<string, bigint>;
  nonce: Record<Holder, bigint>;
  paused: boolean;
  supply: bigint;
  minterAllowance: bigint;
  /** the registry's current SOM_RESERVES report */
  report: { value: bigint; asOf: bigint };
  /** the token's reserve cache */
  cache: { reserves: bigint; asOf: bigint };
  /** EIP-3009 nonces used, per signer, in order */
  usedAuth: Record<Holder, string[]>;
  upgraded: boolean;
}

function clone(m: Model): Model {
  return {
    addr: { ...m.addr },
    bal: { ...m.bal },
    frozen: { ...m.frozen },
    allowance: { ...m.allowance },
    nonce: { ...m.nonce },
    paused: m.paused,
    supply: m.supply,
    minterAllowance: m.minterAllowance,
    report: { ...m.report },
    cache: { ...m.cache },
    usedAuth: {
      reserve: [...m.usedAuth.reserve],
      alice: [...m.usedAuth.alice],
      bob: [...m.usedAuth.bob],
      carol: [...m.usedAuth.carol],
    },
    upgraded: m.upgraded,
  };
}

const key = (owner: Holder, spender: Holder): string => `${owner}>${spender}`;

async function setup(): Promise<{ model: Model; real: Real }> {
  const s = await loadFixture(system);
  const addr: Record<Account, string> = {
    reserve: s.reserve.address.toLowerCase(),
    alice: s.alice.address.toLowerCase(),
    bob: s.bob.address.toLowerCase(),
    carol: s.carol.address.toLowerCase(),
    minter: s.minter.address.toLowerCase(),
  };
  const allowance: Record<string, bigint> = {};
  for (const o of HOLDERS) for (const sp of HOLDERS) allowance[key(o, sp)] = 0n;
  const model: Model = {
    addr,
    bal: {
      reserve: INITIAL_MINT - 2n * HOLDER_BALANCE,
      alice: HOLDER_BALANCE,
      bob: HOLDER_BALANCE,
      carol: 0n,
      minter: 0n,
    },
    frozen: { reserve: false, alice: false, bob: false, carol: false, minter: false },
    allowance,
    nonce: { reserve: 0n, alice: 0n, bob: 0n, carol: 0n },
    paused: false,
    supply: INITIAL_MINT,
    minterAllowance: MINTER_ALLOWANCE - INITIAL_MINT,
    report: { value: RESERVES, asOf: s.report.asOf },
    cache: { reserves: RESERVES, asOf: s.cachedAsOf },
    usedAuth: { reserve: [], alice: [], bob: [], carol: [] },
    upgraded: false,
  };
  const all = [
    s.admin,
    s.upgrader,
    s.minter,
    s.pauser,
    s.compliance,
    s.reserve,
    s.alice,
    s.bob,
    s.carol,
    s.relayer,
    s.outsider,
  ];
  const bySigner = new Map(all.map((x) => [x.address.toLowerCase(), x]));
  const name = labeler({
    reserve: s.reserve.address,
    alice: s.alice.address,
    bob: s.bob.address,
    carol: s.carol.address,
    minter: s.minter.address,
    relayer: s.relayer.address,
    outsider: s.outsider.address,
  });
  return {
    model,
    real: { s, ifaces: [s.token.interface, s.controller.interface, s.registry.interface], bySigner, name },
  };
}

function signerOf(r: Real, account: Account): HardhatEthersSigner {
  const signer = r.bySigner.get(
    account === "minter" ? r.s.minter.address.toLowerCase() : r.s[account].address.toLowerCase(),
  );
  if (!signer) throw new Error(`no signer for ${account}`);
  return signer;
}

// ------------------------------------------------------------------ predictions (the token's rules, restated)

function predictTransfer(m: Model, from: Account, to: Account | "zero", value: bigint): Outcome {
  if (m.paused) return err("SomStablecoinPaused");
  if (to === "zero") return err("ERC20InvalidReceiver", ethers.ZeroAddress);
  if (m.frozen[from]) return err("SomStablecoinAccountFrozen", m.addr[from]);
  if (m.bal[from] < value) return err("ERC20InsufficientBalance", m.addr[from], m.bal[from], value);
  if (m.frozen[to]) return err("SomStablecoinAccountFrozen", m.addr[to]);
  return ok;
}

function applyTransfer(m: Model, from: Account, to: Account, value: bigint): void {
  m.bal[from] -= value;
  m.bal[to] += value;
}

/** transferFrom's checks after the pause and the spender's flag: allowance, then the transfer's. */
function predictTransferFrom(m: Model, spender: Holder, from: Holder, to: Account | "zero", value: bigint): Outcome {
  if (m.paused) return err("SomStablecoinPaused");
  if (m.frozen[spender]) return err("SomStablecoinAccountFrozen", m.addr[spender]);
  const current = m.allowance[key(from, spender)];
  if (current !== U256_MAX && current < value)
    return err("ERC20InsufficientAllowance", m.addr[spender], current, value);
  return predictTransfer(m, from, to, value);
}

function applyTransferFrom(m: Model, spender: Holder, from: Holder, to: Account, value: bigint): void {
  const k = key(from, spender);
  if (m.allowance[k] !== U256_MAX) m.allowance[k] -= value;
  applyTransfer(m, from, to, value);
}

function predictMint(m: Model, t: bigint, amount: bigint): Outcome {
  // the supply controller's rules first (the minter's frozen flag on the token plays no part), then the token's
  if (amount === 0n) return err("SomSupplyControllerZeroAmount");
  if (amount > m.minterAllowance)
    return err("SomSupplyControllerAllowanceExceeded", m.addr.minter, amount, m.minterAllowance);
  if (m.paused) return err("SomStablecoinPaused");
  if (t > m.cache.asOf + MAX_RESERVE_AGE)
    return err("SomStablecoinReserveAttestationStale", m.cache.asOf, MAX_RESERVE_AGE, t);
  if (m.supply + amount > m.cache.reserves)
    return err("SomStablecoinMintExceedsReserves", m.supply, amount, m.cache.reserves);
  if (m.frozen.reserve) return err("SomStablecoinAccountFrozen", m.addr.reserve);
  return ok;
}

// ------------------------------------------------------------------ invariants

/** ERC-7201 namespace som.storage.SomStablecoin: slot 0 is `mapping(address => uint256) balanceWords`. */
const STABLECOIN_STORAGE_SLOT = "0x563d2db404e75968d1f343ff7a9cae166c594f4d919a5ba405b91dcc44892800";
const balanceWordSlot = (account: string): string =>
  ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [account, STABLECOIN_STORAGE_SLOT]),
  );

async function checkInvariants(m: Model, r: Real, command: string, before: Model): Promise<void> {
  const { token } = r.s;
  const where = `after ${command}`;
  const balances = {} as Record<Account, bigint>;
  for (const a of ACCOUNTS) balances[a] = await token.balanceOf(m.addr[a]);
  const supply = await token.totalSupply();

  // 1. conservation: every token is held by an actor
  const sum = ACCOUNTS.reduce((acc, a) => acc + balances[a], 0n);
  expect(sum, `${where}: sum of balances == totalSupply`).to.equal(supply);

  // 2. a frozen account's balance never decreases except by wipe
  for (const a of ACCOUNTS) {
    if (before.frozen[a] && !command.startsWith("wipe")) {
      expect(
        balances[a] >= before.bal[a],
        `${where}: frozen ${a} lost tokens (${before.bal[a]} -> ${balances[a]})`,
      ).to.equal(true);
    }
  }

  // 3. model == chain, field by field
  for (const a of ACCOUNTS) {
    expect(balances[a], `${where}: balance of ${a}`).to.equal(m.bal[a]);
    expect(await token.isFrozen(m.addr[a]), `${where}: frozen flag of ${a}`).to.equal(m.frozen[a]);
    // no balance reaches bit 255 (the frozen flag): the raw balance word is exactly flag | balance
    const word = BigInt(await ethers.provider.getStorage(await token.getAddress(), balanceWordSlot(m.addr[a])));
    expect(word, `${where}: raw balance word of ${a}`).to.equal((m.frozen[a] ? 1n << 255n : 0n) | m.bal[a]);
    expect(m.bal[a] < 1n << 255n, `${where}: balance of ${a} below bit 255`).to.equal(true);
  }
  expect(supply, `${where}: totalSupply`).to.equal(m.supply);
  for (const o of HOLDERS) {
    expect(await token.nonces(m.addr[o]), `${where}: permit nonce of ${o}`).to.equal(m.nonce[o]);
    for (const sp of HOLDERS) {
      expect(await token.allowance(m.addr[o], m.addr[sp]), `${where}: allowance ${o} -> ${sp}`).to.equal(
        m.allowance[key(o, sp)],
      );
    }
  }
  expect(await token.paused(), `${where}: paused`).to.equal(m.paused);
  expect(await r.s.controller.minterAllowance(m.addr.minter), `${where}: minter allowance`).to.equal(m.minterAllowance);
  const [reserves, asOf] = await token.reserveSnapshot();
  expect([reserves, asOf], `${where}: reserve cache`).to.deep.equal([m.cache.reserves, m.cache.asOf]);
  const [value, reportAsOf] = await r.s.registry.latestReport(SOM_RESERVES);
  expect([value, reportAsOf], `${where}: registry report`).to.deep.equal([m.report.value, m.report.asOf]);
}

// ------------------------------------------------------------------ commands

type Cmd = ModelCommand<Model, Real>;
const cmd = (
  name: string,
  params: object,
  body: (m: Model, r: Real) => Promise<void>,
  guard?: (m: Readonly<Model>) => boolean,
): Cmd => new ModelCommand<Model, Real>(name, params, body, checkInvariants, clone, guard);

const holderArb = fc.constantFrom<Holder>(...HOLDERS);
const accountArb = fc.constantFrom<Account>(...ACCOUNTS);
/** Recipient: an account, rarely the zero address. */
const recipientArb = fc.oneof(
  { weight: 19, arbitrary: accountArb },
  { weight: 1, arbitrary: fc.constant<"zero">("zero") },
);
const toAddress = (m: Model, to: Account | "zero"): string => (to === "zero" ? ethers.ZeroAddress : m.addr[to]);

const attestArb = fc
  .record({
    value: fc.constantFrom("below", "equal", "above", "above", "huge"),
    perMille: fc.integer({ min: 0, max: 1000 }),
    asOf: fc.constantFrom("now", "now", "now", "older", "older", "future", "notNewer", "tooOld"),
    seconds: fc.integer({ min: 1, max: 86_400 }),
    signers: fc.constantFrom("two", "two", "two", "three", "one", "outsider"),
  })
  .map((p) =>
    cmd("attest", p, async (m, r) => {
      const t = await nextTimestamp();
      const value =
        p.value === "below"
          ? m.supply - (m.supply * BigInt(p.perMille)) / 1000n
          : p.value === "equal"
            ? m.supply
            : p.value === "above"
              ? m.supply + (som(200_000) * BigInt(p.perMille)) / 1000n + 1n
              : (1n << 130n) + BigInt(p.perMille);
      const seconds = BigInt(p.seconds);
      const asOf =
        p.asOf === "now"
          ? t
          : p.asOf === "older"
            ? t - (seconds % 7_200n)
            : p.asOf === "future"
              ? t + (seconds % 600n) + 1n
              : p.asOf === "notNewer"
                ? m.report.asOf
                : t - REGISTRY_MAX_AGE - 1n - (seconds % 100n);
      const report: Report = { subject: SOM_RESERVES, value, asOf, docHash: DOC, uri: "" };
      const { attestors, outsider } = r.s;
      const who =
        p.signers === "two"
          ? [attestors[p.perMille % 3], attestors[(p.perMille + 1) % 3]]
          : p.signers === "three"
            ? attestors
            : p.signers === "one"
              ? [attestors[0]]
              : [attestors[p.perMille % 3], outsider];
      const target = { chainId: r.s.chainId, registry: r.s.registryAddress, report };
      const files = await Promise.all(sortSigners(who).map((w) => signReport(target, w)));

      // the registry's rules (the stablecoin accepts every report the registry accepts; a post-dated one is cached as
      // of the block)
      let expected: Outcome = ok;
      if (who.length < 2) expected = err("AttestationQuorumNotReached", who.length, 2);
      else if (asOf > t + SKEW) expected = err("AttestationReportFromFuture", asOf, t, SKEW);
      else if (asOf <= m.report.asOf) expected = err("AttestationReportNotNewer", asOf, m.report.asOf);
      else if (asOf + REGISTRY_MAX_AGE < t) expected = err("AttestationReportTooOld", asOf, REGISTRY_MAX_AGE, t);
      else if (p.signers === "outsider") expected = err("AttestationNotAttestor", outsider.address);

      const actual = await mineAt(
        t,
        () =>
          r.s.registry.connect(r.s.relayer).submitReport(
            report,
            files.map((f) => f.signer),
            files.map((f) => f.signature),
            { gasLimit: GAS },
          ),
        r.ifaces,
      );
      expectOutcome(actual, expected, `attest ${show({ value, asOf, t })}`);
      if (actual.ok) {
        m.report = { value, asOf };
        m.cache = { reserves: value > U120_MAX ? U120_MAX : value, asOf: asOf < t ? asOf : t };
      }
      // Then anyone re-syncs the registry's current report, a second later (syncReserves or the listener
      // callback): the same report keeps its cached effective as-of, so the model's cache does not change
      // (a post-dated report's freshness never moves forward by re-syncing; checkInvariants compares).
      const resync = r.s.token.connect(outsider);
      const resynced = await mineAt(
        t + 1n,
        () =>
          p.perMille % 2 === 0
            ? resync.syncReserves({ gasLimit: GAS })
            : resync.attestationUpdated(SOM_RESERVES, { gasLimit: GAS }),
        r.ifaces,
      );
      expectOutcome(resynced, ok, `resync after attest at ${t + 1n}`);
    }),
  );

const advanceArb = fc
  .record({
    kind: fc.constantFrom("small", "toStale", "justFresh", "day"),
    seconds: fc.integer({ min: 1, max: 3_600 }),
  })
  .map((p) =>
    cmd("advanceTime", p, async (m) => {
      const latest = BigInt(await time.latest());
      // the next transaction is mined one second after the target block
      const target =
        p.kind === "small"
          ? latest + BigInt(p.seconds)
          : p.kind === "day"
            ? latest + 86_400n
            : p.kind === "toStale"
              ? m.cache.asOf + MAX_RESERVE_AGE
              : m.cache.asOf + MAX_RESERVE_AGE - 1n;
      if (target > latest) await time.increaseTo(target);
    }),
  );

const mintArb = fc
  .record({
    amount: amountArb,
    overAllowance: fc.boolean(),
    byMinter: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map((p) =>
    cmd("mint", p, async (m, r) => {
      const t = await nextTimestamp();
      const headroom = m.cache.reserves > m.supply ? m.cache.reserves - m.supply : 0n;
      const bound = p.overAllowance ? m.minterAllowance : headroom < m.minterAllowance ? headroom : m.minterAllowance;
      const amount = pick(bound, p.amount);
      const caller = p.byMinter ? r.s.minter : r.s.alice;
      const expected = p.byMinter
        ? predictMint(m, t, amount)
        : amount === 0n
          ? err("SomSupplyControllerZeroAmount")
          : err("SomSupplyControllerNotMinter", r.s.alice.address);
      const balancesBefore = { ...m.bal };
      const actual = await mineAt(t, () => r.s.controller.connect(caller).mint(amount, { gasLimit: GAS }), r.ifaces);
      expectOutcome(actual, expected, `mint ${amount} at ${t}`);
      if (!actual.ok) return;
      m.supply += amount;
      m.bal.reserve += amount;
      m.minterAllowance -= amount;
      // at every successful mint: the supply is within the registry's CURRENT attested reserves, which are fresh
      const [value, asOf] = await r.s.registry.latestReport(SOM_RESERVES);
      const supply = await r.s.token.totalSupply();
      expect(supply <= value, `mint: totalSupply ${supply} exceeds the attested reserves ${value}`).to.equal(true);
      expect(t <= asOf + MAX_RESERVE_AGE, `mint at ${t} on a stale report (asOf ${asOf})`).to.equal(true);
      // nobody but the reserve gains from a mint
      for (const a of ACCOUNTS) {
        if (a === "reserve") continue;
        expect(await r.s.token.balanceOf(m.addr[a]), `mint credited ${a}`).to.equal(balancesBefore[a]);
      }
    }),
  );

function transferCommand(name: string, from: Holder, to: Account | "zero", amount: AmountChoice): Cmd {
  return cmd(name, { from, to, amount }, async (m, r) => {
    const t = await nextTimestamp();
    const value = pick(m.bal[from], amount);
    const expected = predictTransfer(m, from, to, value);
    const actual = await mineAt(
      t,
      () => r.s.token.connect(signerOf(r, from)).transfer(toAddress(m, to), value, { gasLimit: GAS }),
      r.ifaces,
    );
    expectOutcome(actual, expected, `${name} ${from} -> ${to} ${value}`);
    if (actual.ok && to !== "zero") applyTransfer(m, from, to, value);
  });
}

const distributeArb = fc
  .record({ to: recipientArb, amount: amountArb })
  .map((p) => transferCommand("distribute", "reserve", p.to, p.amount));

const transferArb = fc
  .record({ from: holderArb, to: recipientArb, amount: amountArb })
  .map((p) => transferCommand("transfer", p.from, p.to, p.amount));

const approveArb = fc
  .record({ owner: holderArb, spender: holderArb, amount: amountArb, infinite: fc.boolean() })
  .map((p) =>
    cmd("approve", p, async (m, r) => {
      const t = await nextTimestamp();
      const value = p.infinite ? U256_MAX : pick(m.bal[p.owner], p.amount);
      let expected: Outcome = ok;
      if (m.paused) expected = err("SomStablecoinPaused");
      else if (m.frozen[p.owner]) expected = err("SomStablecoinAccountFrozen", m.addr[p.owner]);
      else if (m.frozen[p.spender]) expected = err("SomStablecoinAccountFrozen", m.addr[p.spender]);
      const actual = await mineAt(
        t,
        () => r.s.token.connect(signerOf(r, p.owner)).approve(m.addr[p.spender], value, { gasLimit: GAS }),
        r.ifaces,
      );
      expectOutcome(actual, expected, `approve ${p.owner} -> ${p.spender} ${value}`);
      if (actual.ok) m.allowance[key(p.owner, p.spender)] = value;
    }),
  );

async function transferFromStep(
  m: Model,
  r: Real,
  spender: Holder,
  from: Holder,
  to: Account | "zero",
  amount: AmountChoice,
) {
  const t = await nextTimestamp();
  const allowance = m.allowance[key(from, spender)];
  const value = pick(allowance < m.bal[from] ? allowance : m.bal[from], amount);
  const expected = predictTransferFrom(m, spender, from, to, value);
  const actual = await mineAt(
    t,
    () =>
      r.s.token.connect(signerOf(r, spender)).transferFrom(m.addr[from], toAddress(m, to), value, { gasLimit: GAS }),
    r.ifaces,
  );
  expectOutcome(actual, expected, `transferFrom by ${spender}: ${from} -> ${to} ${value}`);
  if (actual.ok && to !== "zero") applyTransferFrom(m, spender, from, to, value);
}

const transferFromArb = fc
  .record({ spender: holderArb, from: holderArb, to: recipientArb, amount: amountArb })
  .map((p) => cmd("transferFrom", p, (m, r) => transferFromStep(m, r, p.spender, p.from, p.to, p.amount)));

const permitArb = fc
  .record({
    owner: holderArb,
    spender: holderArb,
    value: amountArb,
    deadline: fc.constantFrom("valid", "valid", "valid", "expired"),
    signedBy: fc.constantFrom("owner", "owner", "owner", "other"),
    form: fc.constantFrom<"vrs" | "bytes">("vrs", "bytes"),
    replay: fc.boolean(),
    to: recipientArb,
    pull: amountArb,
  })
  .map((p) =>
    cmd("permitThenTransferFrom", p, async (m, r) => {
      const value = pick(m.bal[p.owner], p.value);
      const signOnce = async () => {
        const t = await nextTimestamp();
        const deadline = p.deadline === "valid" ? t + 3_600n : t - 1n;
        const message = {
          owner: m.addr[p.owner],
          spender: m.addr[p.spender],
          value,
          nonce: m.nonce[p.owner],
          deadline,
        };
        const signer = p.signedBy === "owner" ? signerOf(r, p.owner) : r.s.outsider;
        const sig = await signPermit(signer, r.s.domain, message, { allowOtherSigner: p.signedBy === "other" });
        return { t, deadline, sig };
      };
      const submit = async (
        t: bigint,
        deadline: bigint,
        sig: { v: number; r: string; s: string; signature: string },
      ) => {
        let expected: Outcome = ok;
        if (m.paused) expected = err("SomStablecoinPaused");
        else if (t > deadline) expected = err("SomStablecoinPermitExpired", deadline, t);
        else if (m.frozen[p.owner]) expected = err("SomStablecoinAccountFrozen", m.addr[p.owner]);
        else if (m.frozen[p.spender]) expected = err("SomStablecoinAccountFrozen", m.addr[p.spender]);
        else if (!validNow) expected = err("SomStablecoinInvalidSignature", m.addr[p.owner]);
        const token = r.s.token.connect(r.s.relayer);
        const actual = await mineAt(
          t,
          () =>
            p.form === "vrs"
              ? token["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"](
                  m.addr[p.owner],
                  m.addr[p.spender],
                  value,
                  deadline,
                  sig.v,
                  sig.r,
                  sig.s,
                  { gasLimit: GAS },
                )
              : token["permit(address,address,uint256,uint256,bytes)"](
                  m.addr[p.owner],
                  m.addr[p.spender],
                  value,
                  deadline,
                  sig.signature,
                  { gasLimit: GAS },
                ),
          r.ifaces,
        );
        expectOutcome(actual, expected, `permit ${p.owner} -> ${p.spender} ${value} (nonce ${m.nonce[p.owner]})`);
        if (actual.ok) {
          m.nonce[p.owner] += 1n;
          m.allowance[key(p.owner, p.spender)] = value;
        }
        return actual;
      };
      // the signature is valid while it is the owner's over the current nonce
      let validNow = p.signedBy === "owner";
      const { t, deadline, sig } = await signOnce();
      const first = await submit(t, deadline, sig);
      if (p.replay) {
        // the same signed permit again (a front-runner's copy): the nonce moved on if the first went through
        if (first.ok) validNow = false;
        await submit(await nextTimestamp(), deadline, sig);
      }
      await transferFromStep(m, r, p.spender, p.owner, p.to, p.pull);
    }),
  );

const authorizationArb = fc
  .record({
    from: holderArb,
    to: recipientArb,
    amount: amountArb,
    window: fc.constantFrom("valid", "valid", "valid", "notYet", "expired"),
    signedBy: fc.constantFrom("from", "from", "from", "other"),
    nonce: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
      { weight: 1, arbitrary: fc.constant(-1) },
    ),
    form: fc.constantFrom<"vrs" | "bytes">("vrs", "bytes"),
  })
  .map((p) =>
    cmd("transferWithAuthorization", p, async (m, r) => {
      const t = await nextTimestamp();
      const value = pick(m.bal[p.from], p.amount);
      const used = m.usedAuth[p.from];
      // -1: replay the signer's last used nonce (when there is one)
      const nonce =
        p.nonce < 0 && used.length > 0
          ? used[used.length - 1]
          : ethers.keccak256(ethers.toBeHex(Math.max(p.nonce, 0), 32));
      const validAfter = p.window === "notYet" ? t : t - 10n;
      const validBefore = p.window === "expired" ? t : t + 3_600n;
      const message = { from: m.addr[p.from], to: toAddress(m, p.to), value, validAfter, validBefore, nonce };
      const signer = p.signedBy === "from" ? signerOf(r, p.from) : r.s.outsider;
      const sig = await signTransferWithAuthorization(signer, r.s.domain, message, {
        allowOtherSigner: p.signedBy === "other",
      });

      let expected: Outcome;
      if (m.paused) expected = err("SomStablecoinPaused");
      else if (t <= validAfter) expected = err("SomStablecoinAuthorizationNotYetValid", validAfter, t);
      else if (t >= validBefore) expected = err("SomStablecoinAuthorizationExpired", validBefore, t);
      else if (used.includes(nonce)) expected = err("SomStablecoinAuthorizationUsedOrCanceled", m.addr[p.from], nonce);
      else if (p.signedBy !== "from") expected = err("SomStablecoinInvalidSignature", m.addr[p.from]);
      else expected = predictTransfer(m, p.from, p.to, value);

      const token = r.s.token.connect(r.s.relayer);
      const actual = await mineAt(
        t,
        () =>
          p.form === "vrs"
            ? token["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"](
                message.from,
                message.to,
                value,
                validAfter,
                validBefore,
                nonce,
                sig.v,
                sig.r,
                sig.s,
                { gasLimit: GAS },
              )
            : token["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
                message.from,
                message.to,
                value,
                validAfter,
                validBefore,
                nonce,
                sig.signature,
                { gasLimit: GAS },
              ),
        r.ifaces,
      );
      expectOutcome(actual, expected, `transferWithAuthorization ${p.from} -> ${p.to} ${value}`);
      if (actual.ok && p.to !== "zero") {
        used.push(nonce);
        applyTransfer(m, p.from, p.to, value);
      }
      if (actual.ok) expect(await r.s.token.authorizationState(message.from, nonce)).to.equal(true);
    }),
  );

/**
 * Freeze is the compliance officer's (instant, protective); unfreeze and wipe are the default admin's
 * (the reserve Safe's). Unauthorized: an outsider freezes; the compliance officer (holding only the
 * protective half) unfreezes or wipes.
 */
const complianceArb = fc
  .record({
    action: fc.constantFrom("freeze", "freeze", "unfreeze", "unfreeze", "wipe"),
    account: accountArb,
    authorized: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map((p) =>
    cmd(p.action, p, async (m, r) => {
      const t = await nextTimestamp();
      const a = p.account;
      const freeze = p.action === "freeze";
      const caller = p.authorized ? (freeze ? r.s.compliance : r.s.admin) : freeze ? r.s.outsider : r.s.compliance;
      let expected: Outcome;
      if (!p.authorized)
        expected = err(
          "AccessControlUnauthorizedAccount",
          caller.address,
          role(freeze ? "COMPLIANCE_ROLE" : "DEFAULT_ADMIN_ROLE"),
        );
      else if (p.action === "freeze") expected = m.frozen[a] ? err("SomStablecoinAccountAlreadyFrozen", m.addr[a]) : ok;
      else expected = m.frozen[a] ? ok : err("SomStablecoinAccountNotFrozen", m.addr[a]);
      const token = r.s.token.connect(caller);
      const ref = ethers.encodeBytes32String("order:1");
      const actual = await mineAt(
        t,
        () =>
          p.action === "freeze"
            ? token.freeze(m.addr[a], { gasLimit: GAS })
            : p.action === "unfreeze"
              ? token.unfreeze(m.addr[a], { gasLimit: GAS })
              : token.wipeFrozen(m.addr[a], ref, { gasLimit: GAS }),
        r.ifaces,
      );
      expectOutcome(actual, expected, `${p.action} ${a}`);
      if (!actual.ok) return;
      if (p.action === "freeze") m.frozen[a] = true;
      else if (p.action === "unfreeze") m.frozen[a] = false;
      else {
        m.supply -= m.bal[a];
        m.bal[a] = 0n;
      }
    }),
  );

/** Pause is the pauser's (instant); unpause the default admin's (the Safe's): a pauser's unpause is refused. */
const pauseArb = fc
  .record({
    action: fc.constantFrom("pause", "unpause"),
    authorized: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map((p) =>
    cmd(p.action, p, async (m, r) => {
      const t = await nextTimestamp();
      const holder = p.action === "pause" ? r.s.pauser : r.s.admin;
      const stranger = p.action === "pause" ? r.s.outsider : r.s.pauser;
      const caller = p.authorized ? holder : stranger;
      let expected: Outcome;
      if (!p.authorized)
        expected = err(
          "AccessControlUnauthorizedAccount",
          stranger.address,
          role(p.action === "pause" ? "PAUSER_ROLE" : "DEFAULT_ADMIN_ROLE"),
        );
      else if (p.action === "pause") expected = m.paused ? err("SomStablecoinPaused") : ok;
      else expected = m.paused ? ok : err("SomStablecoinNotPaused");
      const token = r.s.token.connect(caller);
      const actual = await mineAt(
        t,
        () => (p.action === "pause" ? token.pause({ gasLimit: GAS }) : token.unpause({ gasLimit: GAS })),
        r.ifaces,
      );
      expectOutcome(actual, expected, p.action);
      if (actual.ok) m.paused = p.action === "pause";
    }),
  );

const burnArb = amountArb.map((amount) =>
  cmd("burn", { amount }, async (m, r) => {
    const t = await nextTimestamp();
    const value = pick(m.bal.reserve, amount);
    let expected: Outcome = ok;
    if (value === 0n) expected = err("SomStablecoinZeroAmount");
    else if (m.paused) expected = err("SomStablecoinPaused");
    else if (m.frozen.reserve) expected = err("SomStablecoinAccountFrozen", m.addr.reserve);
    else if (m.bal.reserve < value) expected = err("ERC20InsufficientBalance", m.addr.reserve, m.bal.reserve, value);
    const ref = ethers.encodeBytes32String("redemption:1");
    const actual = await mineAt(t, () => r.s.token.connect(r.s.reserve).burn(value, ref, { gasLimit: GAS }), r.ifaces);
    expectOutcome(actual, expected, `burn ${value}`);
    if (actual.ok) {
      m.bal.reserve -= value;
      m.supply -= value;
    }
  }),
);

const upgradeArb = fc.constant(null).map(() =>
  cmd(
    "upgrade",
    {},
    async (m, r) => {
      const v2 = await ethers.getContractFactory("SomStablecoinV2Mock", r.s.upgrader);
      const upgraded = (await upgrades.upgradeProxy(await r.s.token.getAddress(), v2, {
        kind: "uups",
      })) as unknown as SomStablecoinV2Mock;
      expect(await upgraded.version(), "version after the upgrade").to.equal("2");
      m.upgraded = true;
    },
    (m) => !m.upgraded,
  ),
);

// ------------------------------------------------------------------ property

const commands = fc.commands(
  [
    attestArb,
    advanceArb,
    mintArb,
    mintArb,
    distributeArb,
    distributeArb,
    transferArb,
    transferArb,
    approveArb,
    transferFromArb,
    permitArb,
    authorizationArb,
    complianceArb,
    complianceArb,
    pauseArb,
    burnArb,
    upgradeArb,
  ],
  { maxCommands: SETTINGS.maxCommands, size: "max" },
);

describe("invariants: stablecoin against the attestation registry (model-based)", function () {
  it("model == chain after every command; supply conserved and within attested reserves; frozen funds stay", async function () {
    await loadFixture(system);
    await assertProperty(
      "stablecoin",
      fc.asyncProperty(commands, async (cmds) => {
        await fc.asyncModelRun(setup, cmds);
      }),
      SETTINGS,
      FILE,
    );
  });
});
