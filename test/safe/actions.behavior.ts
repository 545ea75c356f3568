/**
 * Named actions -> end-to-end cases. Each case: the requests to propose (against a record name), and the
 * on-chain effect to check after the Safe executed them. After the merge, point `tokenRecord`/records at the
 * real stablecoin (deployReserveToken in fixtures.ts) and add cases for the attestation and tokenization
 * records in the same shape.
 */
import { expect } from "chai";
import hre from "hardhat";
import { encodeBytes32String, id } from "ethers";
import type { CallRequest } from "../../src/safe/actions";
import type { ReserveEnv } from "./fixtures";

export interface ActionCase {
  name: string;
  requests(env: ReserveEnv): CallRequest[] | Promise<CallRequest[]>;
  expectEffect(env: ReserveEnv, before: Snapshot): Promise<unknown>;
}

export interface Snapshot {
  safeBalance: bigint;
  holderBalance: bigint;
  supply: bigint;
}

export async function snapshot(env: ReserveEnv): Promise<Snapshot> {
  return {
    safeBalance: await env.token.balanceOf(env.safe.address),
    holderBalance: await env.token.balanceOf(env.holder),
    supply: await env.token.totalSupply(),
  };
}

const T = "SomStablecoin";
const other = (): Promise<string> => hre.ethers.getSigners().then((s) => s[2].address);

/** Cases for a stablecoin-shaped record named SomStablecoin (amounts in KGSC units: decimals read from chain). */
export const STABLECOIN_ACTION_CASES: ActionCase[] = [
  {
    name: "distribute: transfer 250.50 KGSC from the reserve to a holder",
    requests: (e) => [{ action: "distribute", contract: T, args: { to: e.holder, value: "250.50" } }],
    expectEffect: async (e, b) => {
      expect(await e.token.balanceOf(e.holder)).to.equal(b.holderBalance + 25050n);
      expect(await e.token.balanceOf(e.safe.address)).to.equal(b.safeBalance - 25050n);
    },
  },
  {
    name: "burn for redemption: the Safe burns its own 100.00 KGSC",
    requests: () => [{ action: "burn", contract: T, args: { amount: "100.00", redemptionRef: "REDEEM-2026-001" } }],
    expectEffect: async (e, b) => {
      expect(await e.token.totalSupply()).to.equal(b.supply - 10000n);
      expect(await e.token.balanceOf(e.safe.address)).to.equal(b.safeBalance - 10000n);
    },
  },
  {
    name: "configureMinter with a 5,000.00 KGSC allowance",
    requests: async () => [{ action: "configureMinter", contract: T, args: { minter: await other(), allowance: "5000.00" } }],
    expectEffect: async (e) => {
      const m = await other();
      expect(await e.token.minterAllowance(m)).to.equal(500000n);
      expect(await e.token.hasRole(id("MINTER_ROLE"), m)).to.equal(true);
    },
  },
  {
    name: "removeMinter",
    requests: async () => [
      { action: "configureMinter", contract: T, args: { minter: await other(), allowance: "1.00" } },
      { action: "removeMinter", contract: T, args: { minter: await other() } },
    ],
    expectEffect: async (e) => expect(await e.token.hasRole(id("MINTER_ROLE"), await other())).to.equal(false),
  },
  {
    name: "setMinterRateLimit",
    requests: async () => [{ action: "setMinterRateLimit", contract: T, args: [await other(), "1000.00", "0.50"] }],
    expectEffect: async (e) => {
      const m = await other();
      expect(await e.token.minterRateLimit(m, 0)).to.equal(100000n);
      expect(await e.token.minterRateLimit(m, 1)).to.equal(50n);
    },
  },
  {
    name: "mint into the reserve (batch: configure the Safe as minter, then mint)",
    requests: (e) => [
      { action: "configureMinter", contract: T, args: { minter: e.safe.address, allowance: "300.00" } },
      { action: "mint", contract: T, args: { amount: "300.00" } },
    ],
    expectEffect: async (e, b) => expect(await e.token.balanceOf(e.safe.address)).to.equal(b.safeBalance + 30000n),
  },
  {
    name: "freeze",
    requests: (e) => [{ action: "freeze", contract: T, args: [e.holder] }],
    expectEffect: async (e) => expect(await e.token.isFrozen(e.holder)).to.equal(true),
  },
  {
    name: "freeze then unfreeze (batch)",
    requests: (e) => [
      { action: "freeze", contract: T, args: [e.holder] },
      { action: "unfreeze", contract: T, args: [e.holder] },
    ],
    expectEffect: async (e) => expect(await e.token.isFrozen(e.holder)).to.equal(false),
  },
  {
    name: "freezeBatch / unfreezeBatch",
    requests: async (e) => [
      { action: "freezeBatch", contract: T, args: [[e.holder, await other()]] },
      { action: "unfreezeBatch", contract: T, args: [[await other()]] },
    ],
    expectEffect: async (e) => {
      expect(await e.token.isFrozen(e.holder)).to.equal(true);
      expect(await e.token.isFrozen(await other())).to.equal(false);
    },
  },
  {
    name: "wipe a frozen account under a legal order (batch: freeze, wipeFrozen)",
    requests: (e) => [
      { action: "freeze", contract: T, args: [e.holder] },
      { action: "wipe", contract: T, args: { account: e.holder, legalOrderRef: "COURT-ORDER-17" } },
    ],
    expectEffect: async (e, b) => {
      expect(await e.token.balanceOf(e.holder)).to.equal(0n);
      expect(await e.token.totalSupply()).to.equal(b.supply - b.holderBalance);
    },
  },
  {
    name: "pause",
    requests: () => [{ action: "pause", contract: T }],
    expectEffect: async (e) => expect(await e.token.paused()).to.equal(true),
  },
  {
    name: "pause then unpause (batch)",
    requests: () => [
      { action: "pause", contract: T },
      { action: "unpause", contract: T },
    ],
    expectEffect: async (e) => expect(await e.token.paused()).to.equal(false),
  },
  {
    name: "grantRole PAUSER_ROLE",
    requests: async () => [{ action: "grantRole", contract: T, args: { role: "PAUSER_ROLE", account: await other() } }],
    expectEffect: async (e) => expect(await e.token.hasRole(id("PAUSER_ROLE"), await other())).to.equal(true),
  },
  {
    name: "revokeRole COMPLIANCE_ROLE from the Safe itself",
    requests: (e) => [{ action: "revokeRole", contract: T, args: { role: "COMPLIANCE_ROLE", account: e.safe.address } }],
    expectEffect: async (e) => expect(await e.token.hasRole(id("COMPLIANCE_ROLE"), e.safe.address)).to.equal(false),
  },
  {
    name: "upgrade the UUPS proxy (upgradeToAndCall)",
    requests: (e) => [{ action: "upgrade", contract: T, args: { newImplementation: e.beacon, data: "0x" } }],
    expectEffect: async (e) => expect(await e.token.implementation()).to.equal(e.beacon),
  },
  {
    name: "upgrade the beacon (upgradeTo)",
    requests: async (e) => [{ action: "upgradeBeacon", contract: "AssetBeacon", args: [await e.other.getAddress()] }],
    expectEffect: async (e) => {
      const beacon = await hre.ethers.getContractAt("UpgradeableBeacon", e.beacon);
      expect(await beacon.implementation()).to.equal(await e.other.getAddress());
    },
  },
  {
    name: "setReserve / setReserveFeed / setMaxReserveAge (batch)",
    requests: async () => [
      { action: "setReserve", contract: T, args: [await other()] },
      { action: "setReserveFeed", contract: T, args: ["OtherToken"] },
      { action: "setMaxReserveAge", contract: T, args: ["86400"] },
    ],
    expectEffect: async (e) => {
      expect(await e.token.reserve()).to.equal(await other());
      expect(await e.token.reserveFeed()).to.equal(await e.other.getAddress());
      expect(await e.token.maxReserveAge()).to.equal(86400n);
    },
  },
  {
    name: "rescueERC20 (amount in the rescued token's units)",
    requests: async () => [{ action: "rescueERC20", contract: T, args: { token: "OtherToken", to: await other(), amount: "12.34" } }],
    expectEffect: async (e) => expect(await e.other.balanceOf(await other())).to.equal(1234n),
  },
  {
    name: "approve a spender",
    requests: async () => [{ action: "approve", contract: T, args: [await other(), "10.00"] }],
    expectEffect: async (e) => expect(await e.token.allowance(e.safe.address, await other())).to.equal(1000n),
  },
  {
    name: "beginDefaultAdminTransfer then cancelDefaultAdminTransfer (batch)",
    requests: async () => [
      { action: "beginDefaultAdminTransfer", contract: T, args: [await other()] },
      { action: "cancelDefaultAdminTransfer", contract: T },
    ],
    expectEffect: async (e) => {
      const [pending] = await e.token.pendingDefaultAdmin();
      expect(pending).to.equal(hre.ethers.ZeroAddress);
      expect(await e.token.defaultAdmin()).to.equal(e.safe.address);
    },
  },
  {
    name: "beginDefaultAdminTransfer",
    requests: async () => [{ action: "beginDefaultAdminTransfer", contract: T, args: [await other()] }],
    expectEffect: async (e) => expect((await e.token.pendingDefaultAdmin())[0]).to.equal(await other()),
  },
];

export const REF = (s: string): string => encodeBytes32String(s);
