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
import type { ContractTransactionResponse, Interface } from "ethers";
import type { AttestationRegistry, ERC1271WalletMock, SomStablecoinV2Mock } from "../../typechain-types";
import { SOM_RESERVES, type Report } from "../../src/attestation/report";
import { signReport } from "../../src/attestation/sign";
import {
  signCancelAuthorization,
  signPermit,
  signReceiveWithAuthorization,
  signTransferWithAuthorization,
  type StablecoinDomain,
} from "../../src/stablecoin/signatures";
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
  readAll,
  runSettings,
  show,
  view,
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
/**
 * The slow minter: a small bucket that refills slowly, so that its rate limit binds (mints are refused by the
 * bucket, and the model predicts the bucket's content and the seconds until a refused amount is available).
 */
const SLOW_ALLOWANCE = som(60_000);
const SLOW_CAPACITY = som(5_000);
const SLOW_REFILL = som(1); // per second: an empty bucket is full again after 5,000 s
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
  const [slowMinter, walletOwner] = signers.slice(15, 17);
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
  // the minter's rate limit refills its whole capacity every second (its allowance binds); the slow minter's is
  // small and slow (its bucket binds)
  await configureMinter(controller.connect(minterAdmin), {
    address: minter.address,
    allowance: MINTER_ALLOWANCE,
    rateLimit: { capacity: MINTER_ALLOWANCE, refillPerSecond: MINTER_ALLOWANCE },
  });
  await configureMinter(controller.connect(minterAdmin), {
    address: slowMinter.address,
    allowance: SLOW_ALLOWANCE,
    rateLimit: { capacity: SLOW_CAPACITY, refillPerSecond: SLOW_REFILL },
  });
  // a smart-contract wallet holder (ERC-1271: valid when its EOA owner signed, while it accepts)
  const wallet: ERC1271WalletMock = await (
    await ethers.getContractFactory("ERC1271WalletMock", admin)
  ).deploy(walletOwner.address);
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
  await token.connect(reserve).transfer(await wallet.getAddress(), HOLDER_BALANCE);

  const domain: StablecoinDomain = { name: NAME, chainId, verifyingContract: tokenAddress };
  const reads = await (await ethers.getContractFactory("ReadBatchMock")).deploy();
  return {
    reads,
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
    slowMinter,
    pauser,
    compliance,
    reserve,
    alice,
    bob,
    carol,
    relayer,
    outsider,
    attestors,
    wallet,
    walletAddress: await wallet.getAddress(),
    walletOwner,
  };
}

type System = Awaited<ReturnType<typeof system>>;

interface Real {
  s: System;
  /** Interfaces that decode every revert a command can produce (the token's first). */
  ifaces: Interface[];
  bySigner: Map<string, HardhatEthersSigner>;
  name: (address: string) => string;
  controllerAddress: string;
  tokenAddress: string;
}

// ------------------------------------------------------------------ model

type Holder = "reserve" | "alice" | "bob" | "carol";
/** Who signs permits and authorizations: the EOA holders and the ERC-1271 wallet (its owner signs for it). */
type Owner = Holder | "wallet";
type Account = Owner | "minter";
type MinterId = "minter" | "slowMinter";
const HOLDERS: readonly Holder[] = ["reserve", "alice", "bob", "carol"];
const OWNERS: readonly Owner[] = [...HOLDERS, "wallet"];
const ACCOUNTS: readonly Account[] = [...OWNERS, "minter"];
const MINTERS: readonly MinterId[] = ["minter", "slowMinter"];

/** A minter of the supply controller: its allowance and its rate-limit bucket (as stored at `updatedAt`). */
interface MinterModel {
  allowance: bigint;
  available: bigint;
  updatedAt: bigint;
  capacity: bigint;
  refill: bigint;
}

interface Model {
  /** address (lowercase) of each account */
  addr: Record<Account, string>;
  bal: Record<Account, bigint>;
  frozen: Record<Account, boolean>;
  /** `${owner}>${spender}`: owners (holders and the wallet) to holders */
  allowance: Record<string, bigint>;
  nonce: Record<Owner, bigint>;
  paused: boolean;
  supply: bigint;
  minters: Record<MinterId, MinterModel>;
  /** the token's reserve (where mints go), set by the admin */
  mintTo: Account;
  /** the token's supply controller: the real controller, or an EOA (the relayer) the admin pointed it to */
  supplyController: "controller" | "relayer";
  /** the registry's current SOM_RESERVES report */
  report: { value: bigint; asOf: bigint };
  /** the token's reserve cache */
  cache: { reserves: bigint; asOf: bigint };
  /** EIP-3009 nonces used or canceled, per signer, in order */
  usedAuth: Record<Owner, string[]>;
  /** the ERC-1271 wallet accepts its owner's signatures */
  walletAccepting: boolean;
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
    minters: { minter: { ...m.minters.minter }, slowMinter: { ...m.minters.slowMinter } },
    mintTo: m.mintTo,
    supplyController: m.supplyController,
    report: { ...m.report },
    cache: { ...m.cache },
    usedAuth: {
      reserve: [...m.usedAuth.reserve],
      alice: [...m.usedAuth.alice],
      bob: [...m.usedAuth.bob],
      carol: [...m.usedAuth.carol],
      wallet: [...m.usedAuth.wallet],
    },
    walletAccepting: m.walletAccepting,
    upgraded: m.upgraded,
  };
}

const key = (owner: Owner, spender: Holder): string => `${owner}>${spender}`;

async function setup(): Promise<{ model: Model; real: Real }> {
  const s = await loadFixture(system);
  const addr: Record<Account, string> = {
    reserve: s.reserve.address.toLowerCase(),
    alice: s.alice.address.toLowerCase(),
    bob: s.bob.address.toLowerCase(),
    carol: s.carol.address.toLowerCase(),
    wallet: s.walletAddress.toLowerCase(),
    minter: s.minter.address.toLowerCase(),
  };
  const allowance: Record<string, bigint> = {};
  for (const o of OWNERS) for (const sp of HOLDERS) allowance[key(o, sp)] = 0n;
  // each bucket as the chain holds it now (the refill is linear and capped, so "stored at the latest block" and
  // the contract's "stored at its updatedAt" give the same content at every later time)
  const latest = BigInt(await time.latest());
  const blockTag = await ethers.provider.getBlockNumber();
  const bucket = async (m: HardhatEthersSigner): Promise<MinterModel> => {
    const st = await s.controller.minterState(m.address, { blockTag });
    return {
      allowance: st.allowance,
      available: st.available,
      updatedAt: latest,
      capacity: st.capacity,
      refill: st.refillPerSecond,
    };
  };
  const model: Model = {
    addr,
    bal: {
      reserve: INITIAL_MINT - 3n * HOLDER_BALANCE,
      alice: HOLDER_BALANCE,
      bob: HOLDER_BALANCE,
      carol: 0n,
      wallet: HOLDER_BALANCE,
      minter: 0n,
    },
    frozen: { reserve: false, alice: false, bob: false, carol: false, wallet: false, minter: false },
    allowance,
    nonce: { reserve: 0n, alice: 0n, bob: 0n, carol: 0n, wallet: 0n },
    paused: false,
    supply: INITIAL_MINT,
    minters: { minter: await bucket(s.minter), slowMinter: await bucket(s.slowMinter) },
    mintTo: "reserve",
    supplyController: "controller",
    report: { value: RESERVES, asOf: s.report.asOf },
    cache: { reserves: RESERVES, asOf: s.cachedAsOf },
    usedAuth: { reserve: [], alice: [], bob: [], carol: [], wallet: [] },
    walletAccepting: true,
    upgraded: false,
  };
  expect(model.minters.minter.allowance).to.equal(MINTER_ALLOWANCE - INITIAL_MINT);
  expect(model.minters.slowMinter.available).to.equal(SLOW_CAPACITY);
  const all = [
    s.admin,
    s.upgrader,
    s.minter,
    s.slowMinter,
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
    wallet: s.walletAddress,
    minter: s.minter.address,
    relayer: s.relayer.address,
    outsider: s.outsider.address,
  });
  return {
    model,
    real: {
      s,
      ifaces: [s.token.interface, s.controller.interface, s.registry.interface],
      bySigner,
      name,
      controllerAddress: await s.controller.getAddress(),
      tokenAddress: await s.token.getAddress(),
    },
  };
}

function signerOf(r: Real, account: Holder | MinterId): HardhatEthersSigner {
  const signer = r.bySigner.get(r.s[account].address.toLowerCase());
  if (!signer) throw new Error(`no signer for ${account}`);
  return signer;
}

/**
 * Who signs for `owner`: the holder itself, or the wallet's EOA owner (ERC-1271); "other" is a foreign key. Whether
 * the token accepts it: the holder's own signature always, the wallet owner's while the wallet accepts.
 */
function signingKey(
  m: Model,
  r: Real,
  owner: Owner,
  by: "own" | "other",
): { key: HardhatEthersSigner; valid: boolean } {
  if (by === "other") return { key: r.s.outsider, valid: false };
  if (owner === "wallet") return { key: r.s.walletOwner, valid: m.walletAccepting };
  return { key: signerOf(r, owner), valid: true };
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
function predictTransferFrom(m: Model, spender: Holder, from: Owner, to: Account | "zero", value: bigint): Outcome {
  if (m.paused) return err("SomStablecoinPaused");
  if (m.frozen[spender]) return err("SomStablecoinAccountFrozen", m.addr[spender]);
  const current = m.allowance[key(from, spender)];
  if (current !== U256_MAX && current < value)
    return err("ERC20InsufficientAllowance", m.addr[spender], current, value);
  return predictTransfer(m, from, to, value);
}

function applyTransferFrom(m: Model, spender: Holder, from: Owner, to: Account, value: bigint): void {
  const k = key(from, spender);
  if (m.allowance[k] !== U256_MAX) m.allowance[k] -= value;
  applyTransfer(m, from, to, value);
}

/** What a minter's bucket holds at time `t` (the controller's `_available`). */
function bucketAt(b: MinterModel, t: bigint): bigint {
  const refilled = b.available + (t - b.updatedAt) * b.refill;
  return refilled < b.capacity ? refilled : b.capacity;
}

/** The token's own mint rules, for a call by `caller` at `t`. */
function predictTokenMint(m: Model, r: Real, t: bigint, caller: string, amount: bigint): Outcome {
  const controller = m.supplyController === "controller" ? r.controllerAddress : r.s.relayer.address;
  if (caller.toLowerCase() !== controller.toLowerCase()) return err("SomStablecoinCallerNotSupplyController", caller);
  if (amount === 0n) return err("SomStablecoinZeroAmount");
  if (m.paused) return err("SomStablecoinPaused");
  if (t > m.cache.asOf + MAX_RESERVE_AGE)
    return err("SomStablecoinReserveAttestationStale", m.cache.asOf, MAX_RESERVE_AGE, t);
  if (m.supply + amount > m.cache.reserves)
    return err("SomStablecoinMintExceedsReserves", m.supply, amount, m.cache.reserves);
  if (m.frozen[m.mintTo]) return err("SomStablecoinAccountFrozen", m.addr[m.mintTo]);
  return ok;
}

/** A mint through the supply controller by `who`: the controller's rules (allowance, bucket), then the token's. */
function predictMint(m: Model, r: Real, t: bigint, who: MinterId, amount: bigint): Outcome {
  // the minter's frozen flag on the token plays no part
  const b = m.minters[who];
  const minter = r.s[who].address;
  if (amount === 0n) return err("SomSupplyControllerZeroAmount");
  if (amount > b.allowance) return err("SomSupplyControllerAllowanceExceeded", minter, amount, b.allowance);
  const available = bucketAt(b, t);
  if (amount > available) {
    const seconds = amount > b.capacity || b.refill === 0n ? U256_MAX : (amount - available + b.refill - 1n) / b.refill;
    return err("SomSupplyControllerRateLimitExceeded", minter, amount, available, b.capacity, seconds);
  }
  return predictTokenMint(m, r, t, r.controllerAddress, amount);
}

// ------------------------------------------------------------------ invariants

/** ERC-7201 namespace som.storage.SomStablecoin: slot 0 is `mapping(address => uint256) balanceWords`. */
const STABLECOIN_STORAGE_SLOT = "0x563d2db404e75968d1f343ff7a9cae166c594f4d919a5ba405b91dcc44892800";
const balanceWordSlot = (account: string): string =>
  ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(["address", "uint256"], [account, STABLECOIN_STORAGE_SLOT]),
  );

async function checkInvariants(m: Model, r: Real, command: string, before: Model): Promise<void> {
  const { token, controller } = r.s;
  const where = `after ${command}`;
  const tokenAddress = r.tokenAddress;
  // every read of the step at once (one round of the in-process provider), then the assertions
  const block = await ethers.provider.getBlock("latest");
  if (!block) throw new Error("no latest block");
  const blockTag = block.number;
  const latest = BigInt(block.timestamp);
  // the authorization states only change in the EIP-3009 commands: read them all after those
  const authorizations = command.includes("Authorization")
    ? OWNERS.flatMap((o) => m.usedAuth[o].map((n) => ({ o, n })))
    : [];
  // the contracts' views in one eth_call, in the context of the latest block (its timestamp is the model's time:
  // each minter's bucket depends on it); the raw balance words with getStorage
  const [words, read] = await Promise.all([
    Promise.all(ACCOUNTS.map((a) => ethers.provider.getStorage(tokenAddress, balanceWordSlot(m.addr[a]), blockTag))),
    readAll(
      r.s.reads,
      {
        balances: ACCOUNTS.map((a) => view(token, token.balanceOf, m.addr[a])),
        frozen: ACCOUNTS.map((a) => view(token, token.isFrozen, m.addr[a])),
        supply: view(token, token.totalSupply),
        nonces: OWNERS.map((o) => view(token, token.nonces, m.addr[o])),
        allowances: OWNERS.flatMap((o) => HOLDERS.map((sp) => view(token, token.allowance, m.addr[o], m.addr[sp]))),
        usedStates: authorizations.map(({ o, n }) => view(token, token.authorizationState, m.addr[o], n)),
        paused: view(token, token.paused),
        reserve: view(token, token.reserve),
        supplyController: view(token, token.supplyController),
        accepting: view(r.s.wallet, r.s.wallet.accepting),
        minters: MINTERS.map((id) => view(controller, controller.minterState, r.s[id].address)),
        snapshot: view(token, token.reserveSnapshot),
        report: view(r.s.registry, r.s.registry.latestReport, SOM_RESERVES),
      },
      blockTag,
    ),
  ]);
  const { balances, frozen, supply, nonces, allowances, usedStates, minters, snapshot, report } = read;

  // 1. conservation: every token is held by an actor
  const sum = balances.reduce((acc, b) => acc + b, 0n);
  expect(sum, `${where}: sum of balances == totalSupply`).to.equal(supply);

  // 2. a frozen account's balance never decreases except by wipe
  ACCOUNTS.forEach((a, i) => {
    if (before.frozen[a] && !command.startsWith("wipe")) {
      expect(
        balances[i] >= before.bal[a],
        `${where}: frozen ${a} lost tokens (${before.bal[a]} -> ${balances[i]})`,
      ).to.equal(true);
    }
  });

  // 3. model == chain, field by field
  ACCOUNTS.forEach((a, i) => {
    expect(balances[i], `${where}: balance of ${a}`).to.equal(m.bal[a]);
    expect(frozen[i], `${where}: frozen flag of ${a}`).to.equal(m.frozen[a]);
    // no balance reaches bit 255 (the frozen flag): the raw balance word is exactly flag | balance
    expect(BigInt(words[i]), `${where}: raw balance word of ${a}`).to.equal((m.frozen[a] ? 1n << 255n : 0n) | m.bal[a]);
    expect(m.bal[a] < 1n << 255n, `${where}: balance of ${a} below bit 255`).to.equal(true);
  });
  expect(supply, `${where}: totalSupply`).to.equal(m.supply);
  OWNERS.forEach((o, i) => {
    expect(nonces[i], `${where}: permit nonce of ${o}`).to.equal(m.nonce[o]);
    HOLDERS.forEach((sp, j) => {
      expect(allowances[i * HOLDERS.length + j], `${where}: allowance ${o} -> ${sp}`).to.equal(m.allowance[key(o, sp)]);
    });
  });
  // every nonce used or canceled stays so: an authorization canceled (or used) can never be used after
  authorizations.forEach(({ o, n }, i) => {
    expect(usedStates[i], `${where}: authorization ${n} of ${o} used or canceled`).to.equal(true);
  });
  const { paused, reserve, supplyController, accepting } = read;
  expect(paused, `${where}: paused`).to.equal(m.paused);
  expect(reserve, `${where}: reserve`).to.equal(ethers.getAddress(m.addr[m.mintTo]));
  const expectedController = m.supplyController === "controller" ? r.controllerAddress : r.s.relayer.address;
  expect(supplyController, `${where}: supply controller`).to.equal(expectedController);
  expect(accepting, `${where}: wallet accepts`).to.equal(m.walletAccepting);
  MINTERS.forEach((id, i) => {
    const b = m.minters[id];
    const st = minters[i];
    expect(
      [st.active, st.allowance, st.capacity, st.refillPerSecond, st.available],
      `${where}: ${id} (active, allowance, capacity, refill, available)`,
    ).to.deep.equal([true, b.allowance, b.capacity, b.refill, bucketAt(b, latest)]);
  });
  expect([snapshot[0], snapshot[1]], `${where}: reserve cache`).to.deep.equal([m.cache.reserves, m.cache.asOf]);
  expect([report[0], report[1]], `${where}: registry report`).to.deep.equal([m.report.value, m.report.asOf]);
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
/** Signers of permits and authorizations: the EOA holders, and the ERC-1271 wallet one time in three. */
const ownerArb = fc.oneof({ weight: 2, arbitrary: holderArb }, { weight: 1, arbitrary: fc.constant<Owner>("wallet") });
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

type MintBy = MinterId | "nonMinter" | "direct";

/**
 * One mint at `t` by `by`: the minter or the slow minter through the supply controller, a non-minter (refused by the
 * controller), or the relayer straight to the token (refused unless the admin made it the token's supply controller).
 * The model predicts the outcome (allowance, bucket, then the token's rules) and, on success, the supply invariants
 * are asserted at once.
 */
async function mintStep(m: Model, r: Real, by: MintBy, amount: bigint): Promise<Outcome> {
  const t = await nextTimestamp();
  let expected: Outcome;
  let send: () => Promise<ContractTransactionResponse>;
  if (by === "direct") {
    expected = predictTokenMint(m, r, t, r.s.relayer.address, amount);
    send = () => r.s.token.connect(r.s.relayer).mint(amount, { gasLimit: GAS });
  } else {
    const caller = by === "nonMinter" ? r.s.alice : r.s[by];
    expected =
      by !== "nonMinter"
        ? predictMint(m, r, t, by, amount)
        : amount === 0n
          ? err("SomSupplyControllerZeroAmount")
          : err("SomSupplyControllerNotMinter", r.s.alice.address);
    send = () => r.s.controller.connect(caller).mint(amount, { gasLimit: GAS });
  }
  const balancesBefore = { ...m.bal };
  const actual = await mineAt(t, send, r.ifaces);
  expectOutcome(actual, expected, `mint ${amount} by ${by} at ${t}`);
  if (!actual.ok) return actual;
  m.supply += amount;
  m.bal[m.mintTo] += amount;
  if (by === "minter" || by === "slowMinter") {
    const b = m.minters[by];
    b.allowance -= amount;
    b.available = bucketAt(b, t) - amount;
    b.updatedAt = t;
  }
  // at every successful mint: the supply is within the registry's CURRENT attested reserves, which are fresh
  const [value, asOf] = await r.s.registry.latestReport(SOM_RESERVES);
  const supply = await r.s.token.totalSupply();
  expect(supply <= value, `mint: totalSupply ${supply} exceeds the attested reserves ${value}`).to.equal(true);
  expect(t <= asOf + MAX_RESERVE_AGE, `mint at ${t} on a stale report (asOf ${asOf})`).to.equal(true);
  // nobody but the reserve gains from a mint
  for (const a of ACCOUNTS) {
    if (a === m.mintTo) continue;
    expect(await r.s.token.balanceOf(m.addr[a]), `mint credited ${a}`).to.equal(balancesBefore[a]);
  }
  return actual;
}

/** A mint by the minter (its allowance binds), a non-minter, or the relayer straight to the token. */
const mintArb = fc
  .record({
    amount: amountArb,
    overAllowance: fc.boolean(),
    by: fc.constantFrom<MintBy>("minter", "minter", "minter", "minter", "nonMinter", "direct"),
  })
  .map((p) =>
    cmd("mint", p, async (m, r) => {
      const headroom = m.cache.reserves > m.supply ? m.cache.reserves - m.supply : 0n;
      const allowance = m.minters.minter.allowance;
      const bound = p.overAllowance ? allowance : headroom < allowance ? headroom : allowance;
      await mintStep(m, r, p.by, pick(bound, p.amount));
    }),
  );

/**
 * The slow minter mints 1 to 3 times, a second apart, the same amount: a part of, all of or just over what its bucket
 * holds now, or a share of its capacity (above the capacity one time in six). Its bucket binds: a later mint of the
 * burst finds the bucket short and is refused with what it holds and the exact seconds until the amount is there
 * (the model's prediction); time jumps refill it.
 */
const slowMintArb = fc
  .record({
    amount: amountArb,
    ofCapacity: fc.boolean(),
    times: fc.integer({ min: 1, max: 3 }),
  })
  .map((p) =>
    cmd("slowMint", p, async (m, r) => {
      const bound = p.ofCapacity ? SLOW_CAPACITY : bucketAt(m.minters.slowMinter, await nextTimestamp());
      const amount = pick(bound, p.amount);
      for (let i = 0; i < p.times; i++) await mintStep(m, r, "slowMinter", amount);
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
  from: Owner,
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
    owner: ownerArb,
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
        const signing = signingKey(m, r, p.owner, p.signedBy === "owner" ? "own" : "other");
        const sig = await signPermit(signing.key, r.s.domain, message, { allowOtherSigner: true });
        return { t, deadline, sig, valid: signing.valid };
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
      // the signature is valid while it is the owner's (for the wallet: its owner's, while the wallet accepts) over
      // the current nonce
      const { t, deadline, sig, valid } = await signOnce();
      let validNow = valid;
      const first = await submit(t, deadline, sig);
      if (p.replay) {
        // the same signed permit again (a front-runner's copy): the nonce moved on if the first went through
        if (first.ok) validNow = false;
        await submit(await nextTimestamp(), deadline, sig);
      }
      await transferFromStep(m, r, p.spender, p.owner, p.to, p.pull);
    }),
  );

/** The EIP-3009 nonce a command uses: a fresh one from a number, or (-1) the signer's last used or canceled one. */
function authNonce(m: Model, from: Owner, n: number): string {
  const used = m.usedAuth[from];
  return n < 0 && used.length > 0 ? used[used.length - 1] : ethers.keccak256(ethers.toBeHex(Math.max(n, 0), 32));
}

/**
 * EIP-3009 transfer or receive with authorization, signed by `from` (an EOA holder, or the ERC-1271 wallet's owner)
 * or a foreign key. A receive is submitted by the payee (the wallet payee through its `execute`) or, refused, by the
 * relayer.
 */
const authorizationArb = fc
  .record({
    kind: fc.constantFrom<"transfer" | "receive">("transfer", "transfer", "receive"),
    from: ownerArb,
    to: recipientArb,
    amount: amountArb,
    window: fc.constantFrom("valid", "valid", "valid", "notYet", "expired"),
    signedBy: fc.constantFrom<"own" | "other">("own", "own", "own", "other"),
    nonce: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
      { weight: 1, arbitrary: fc.constant(-1) },
    ),
    form: fc.constantFrom<"vrs" | "bytes">("vrs", "bytes"),
    byPayee: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map((p) =>
    cmd(p.kind === "transfer" ? "transferWithAuthorization" : "receiveWithAuthorization", p, async (m, r) => {
      const t = await nextTimestamp();
      const value = pick(m.bal[p.from], p.amount);
      const used = m.usedAuth[p.from];
      const nonce = authNonce(m, p.from, p.nonce);
      const validAfter = p.window === "notYet" ? t : t - 10n;
      const validBefore = p.window === "expired" ? t : t + 3_600n;
      const message = { from: m.addr[p.from], to: toAddress(m, p.to), value, validAfter, validBefore, nonce };
      const signing = signingKey(m, r, p.from, p.signedBy);
      const sign = p.kind === "transfer" ? signTransferWithAuthorization : signReceiveWithAuthorization;
      const sig = await sign(signing.key, r.s.domain, message, { allowOtherSigner: true });
      // a receive is submitted by the payee (an EOA, or the wallet through its owner), or by the relayer
      const payeeCalls = p.kind === "receive" && p.byPayee && p.to !== "zero";
      const caller = payeeCalls ? message.to : r.s.relayer.address;

      let expected: Outcome;
      if (m.paused) expected = err("SomStablecoinPaused");
      else if (p.kind === "receive" && caller.toLowerCase() !== message.to.toLowerCase())
        expected = err("SomStablecoinCallerNotPayee", caller, message.to);
      else if (t <= validAfter) expected = err("SomStablecoinAuthorizationNotYetValid", validAfter, t);
      else if (t >= validBefore) expected = err("SomStablecoinAuthorizationExpired", validBefore, t);
      else if (used.includes(nonce)) expected = err("SomStablecoinAuthorizationUsedOrCanceled", m.addr[p.from], nonce);
      else if (!signing.valid) expected = err("SomStablecoinInvalidSignature", m.addr[p.from]);
      else expected = predictTransfer(m, p.from, p.to, value);

      const token = r.s.token;
      const args = [message.from, message.to, value, validAfter, validBefore, nonce] as const;
      // transfer/receive × (v, r, s)/bytes: the signature is chosen by name; ethers checks the values against the ABI.
      const abi: Interface = token.interface;
      const fn = `${p.kind}WithAuthorization(address,address,uint256,uint256,uint256,bytes32,`;
      const data =
        p.form === "vrs"
          ? abi.encodeFunctionData(`${fn}uint8,bytes32,bytes32)`, [...args, sig.v, sig.r, sig.s])
          : abi.encodeFunctionData(`${fn}bytes)`, [...args, sig.signature]);
      const actual = await mineAt(t, () => callAs(m, r, payeeCalls ? (p.to as Account) : "relayer", data), r.ifaces);
      expectOutcome(actual, expected, `${p.kind}WithAuthorization ${p.from} -> ${p.to} ${value}`);
      if (actual.ok && p.to !== "zero") {
        used.push(nonce);
        applyTransfer(m, p.from, p.to, value);
      }
    }),
  );

/**
 * Sends `data` to the token from `who`: an EOA directly, the ERC-1271 wallet through its owner's `execute` (the
 * wallet is `msg.sender`; a revert is bubbled with its data).
 */
async function callAs(m: Model, r: Real, who: Account | "relayer", data: string): Promise<ContractTransactionResponse> {
  const to = await r.s.token.getAddress();
  if (who === "wallet") return r.s.wallet.connect(r.s.walletOwner).execute(to, data, { gasLimit: GAS });
  const signer = who === "relayer" ? r.s.relayer : r.s[who];
  return signer.sendTransaction({ to, data, gasLimit: GAS }) as Promise<ContractTransactionResponse>;
}

/**
 * EIP-3009 cancelAuthorization of a nonce (fresh, or the signer's last used or canceled one), signed by the
 * authorizer (the wallet's owner for the wallet) or a foreign key; a canceled authorization is then submitted, and
 * must be refused as used or canceled (an authorization canceled cannot be used after).
 */
const cancelArb = fc
  .record({
    authorizer: ownerArb,
    signedBy: fc.constantFrom<"own" | "other">("own", "own", "own", "other"),
    nonce: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
      { weight: 1, arbitrary: fc.constant(-1) },
    ),
    form: fc.constantFrom<"vrs" | "bytes">("vrs", "bytes"),
    to: accountArb,
    amount: amountArb,
  })
  .map((p) =>
    cmd("cancelAuthorization", p, async (m, r) => {
      const t = await nextTimestamp();
      const a = p.authorizer;
      const nonce = authNonce(m, a, p.nonce);
      const signing = signingKey(m, r, a, p.signedBy);
      const sig = await signCancelAuthorization(
        signing.key,
        r.s.domain,
        { authorizer: m.addr[a], nonce },
        { allowOtherSigner: true },
      );
      let expected: Outcome = ok;
      if (m.paused) expected = err("SomStablecoinPaused");
      else if (m.frozen[a]) expected = err("SomStablecoinAccountFrozen", m.addr[a]);
      else if (m.usedAuth[a].includes(nonce))
        expected = err("SomStablecoinAuthorizationUsedOrCanceled", m.addr[a], nonce);
      else if (!signing.valid) expected = err("SomStablecoinInvalidSignature", m.addr[a]);
      const token = r.s.token.connect(r.s.relayer);
      const actual = await mineAt(
        t,
        () =>
          p.form === "vrs"
            ? token["cancelAuthorization(address,bytes32,uint8,bytes32,bytes32)"](
                m.addr[a],
                nonce,
                sig.v,
                sig.r,
                sig.s,
                {
                  gasLimit: GAS,
                },
              )
            : token["cancelAuthorization(address,bytes32,bytes)"](m.addr[a], nonce, sig.signature, { gasLimit: GAS }),
        r.ifaces,
      );
      expectOutcome(actual, expected, `cancelAuthorization ${a} ${nonce}`);
      if (!actual.ok) return;
      m.usedAuth[a].push(nonce);
      // the canceled authorization, validly signed, is submitted a second later: refused
      const t2 = await nextTimestamp();
      const value = pick(m.bal[a], p.amount);
      const message = {
        from: m.addr[a],
        to: m.addr[p.to],
        value,
        validAfter: t2 - 10n,
        validBefore: t2 + 3_600n,
        nonce,
      };
      const own = signingKey(m, r, a, "own");
      const auth = await signTransferWithAuthorization(own.key, r.s.domain, message, { allowOtherSigner: true });
      const used = await mineAt(
        t2,
        () =>
          token["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
            message.from,
            message.to,
            value,
            message.validAfter,
            message.validBefore,
            nonce,
            auth.signature,
            { gasLimit: GAS },
          ),
        r.ifaces,
      );
      expectOutcome(
        used,
        m.paused ? err("SomStablecoinPaused") : err("SomStablecoinAuthorizationUsedOrCanceled", m.addr[a], nonce),
        `transferWithAuthorization of the canceled nonce ${nonce}`,
      );
    }),
  );

/**
 * freezeBatch (the compliance officer's) and unfreezeBatch (the admin's) over 0 to 3 accounts, repeats included: all
 * or nothing, the first account already in the target state reverts the whole batch. Unauthorized: an outsider
 * freezes, the compliance officer unfreezes.
 */
const batchArb = fc
  .record({
    action: fc.constantFrom("freezeBatch", "freezeBatch", "unfreezeBatch"),
    accounts: fc.array(accountArb, { minLength: 0, maxLength: 3 }),
    authorized: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map((p) =>
    cmd(p.action, p, async (m, r) => {
      const t = await nextTimestamp();
      const freeze = p.action === "freezeBatch";
      const caller = p.authorized ? (freeze ? r.s.compliance : r.s.admin) : freeze ? r.s.outsider : r.s.compliance;
      const after = { ...m.frozen };
      let expected: Outcome = ok;
      if (!p.authorized)
        expected = err(
          "AccessControlUnauthorizedAccount",
          caller.address,
          role(freeze ? "COMPLIANCE_ROLE" : "DEFAULT_ADMIN_ROLE"),
        );
      else
        for (const a of p.accounts) {
          if (after[a] === freeze) {
            expected = err(freeze ? "SomStablecoinAccountAlreadyFrozen" : "SomStablecoinAccountNotFrozen", m.addr[a]);
            break;
          }
          after[a] = freeze;
        }
      const addresses = p.accounts.map((a) => m.addr[a]);
      const token = r.s.token.connect(caller);
      const actual = await mineAt(
        t,
        () =>
          freeze ? token.freezeBatch(addresses, { gasLimit: GAS }) : token.unfreezeBatch(addresses, { gasLimit: GAS }),
        r.ifaces,
      );
      expectOutcome(actual, expected, `${p.action} ${p.accounts.join(",")}`);
      if (actual.ok) m.frozen = after;
    }),
  );

/**
 * The admin re-points the token: `setReserve` (where mints go) and `setSupplyController` (who may mint: the real
 * controller, or the relayer's EOA, which then mints straight to the token in `mint`). In the deployed system the
 * admin is the reserve Safe behind the ReserveGuard's delay; this test is about the token, so the harness acts as
 * the admin directly (the guard's delay is tested in test/guard/). Zero addresses are refused; an outsider is refused.
 */
const repointArb = fc
  .record({
    what: fc.constantFrom<"setReserve" | "setSupplyController">("setReserve", "setSupplyController"),
    reserve: fc.constantFrom<Account | "zero">("reserve", "reserve", "alice", "carol", "wallet", "zero"),
    controller: fc.constantFrom<"controller" | "relayer" | "zero">(
      "controller",
      "controller",
      "controller",
      "relayer",
      "zero",
    ),
    authorized: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  })
  .map((p) =>
    cmd(
      p.what,
      p.what === "setReserve" ? { ...p, controller: undefined } : { ...p, reserve: undefined },
      async (m, r) => {
        const t = await nextTimestamp();
        const caller = p.authorized ? r.s.admin : r.s.outsider;
        const token = r.s.token.connect(caller);
        let target: string;
        if (p.what === "setReserve") target = toAddress(m, p.reserve);
        else
          target =
            p.controller === "zero"
              ? ethers.ZeroAddress
              : p.controller === "controller"
                ? r.controllerAddress
                : r.s.relayer.address;
        let expected: Outcome = ok;
        if (!p.authorized)
          expected = err("AccessControlUnauthorizedAccount", caller.address, role("DEFAULT_ADMIN_ROLE"));
        else if (target === ethers.ZeroAddress)
          expected = err(
            p.what === "setReserve" ? "SomStablecoinInvalidReserve" : "SomStablecoinInvalidSupplyController",
            target,
          );
        const actual = await mineAt(
          t,
          () =>
            p.what === "setReserve"
              ? token.setReserve(target, { gasLimit: GAS })
              : token.setSupplyController(target, { gasLimit: GAS }),
          r.ifaces,
        );
        expectOutcome(actual, expected, `${p.what} ${target}`);
        if (!actual.ok) return;
        if (p.what === "setReserve") m.mintTo = p.reserve as Account;
        else m.supplyController = p.controller as "controller" | "relayer";
      },
    ),
  );

/** The ERC-1271 wallet stops (or resumes) accepting its owner's signatures (its own setting, not the token's). */
const walletAcceptingArb = fc.boolean().map((accepting) =>
  cmd("walletAccepting", { accepting }, async (m, r) => {
    await mineAt(await nextTimestamp(), () => r.s.wallet.setAccepting(accepting, { gasLimit: GAS }), r.ifaces);
    m.walletAccepting = accepting;
  }),
);

/**
 * A re-sync of the already synced report, at any later time (after time jumps, stale or not): by `syncReserves`,
 * by the listener callback for SOM_RESERVES, or by the callback for another subject (ignored). Anyone may; the
 * cache must not change (a post-dated report's effective as-of included): the model's cache stays as it is and
 * `checkInvariants` compares it with the chain.
 */
const resyncArb = fc.constantFrom("syncReserves", "attestationUpdated", "otherSubject").map((how) =>
  cmd("resync", { how }, async (m, r) => {
    const token = r.s.token.connect(r.s.outsider);
    const actual = await mineAt(
      await nextTimestamp(),
      () =>
        how === "syncReserves"
          ? token.syncReserves({ gasLimit: GAS })
          : token.attestationUpdated(how === "otherSubject" ? ethers.encodeBytes32String("OTHER") : SOM_RESERVES, {
              gasLimit: GAS,
            }),
      r.ifaces,
    );
    expectOutcome(actual, ok, `resync by ${how}`);
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
    slowMintArb,
    distributeArb,
    distributeArb,
    transferArb,
    transferArb,
    approveArb,
    transferFromArb,
    permitArb,
    authorizationArb,
    authorizationArb,
    cancelArb,
    complianceArb,
    complianceArb,
    batchArb,
    pauseArb,
    burnArb,
    repointArb,
    walletAcceptingArb,
    resyncArb,
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
