/**
 * Shared fixture for the som stablecoin tests: a UUPS proxy initialized with the documented
 * defaults, a mock reserve feed with a fresh report, one account per role and two holders.
 */
import hre, { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { AttestedValueSourceMock, SomStablecoin, SomSupplyController } from "../../typechain-types";
import type { StablecoinDomain } from "../../src/stablecoin/signatures";
import { configureMinter, deployStablecoinSystem } from "../../src/stablecoin/deploy";
import type { RateLimit, StablecoinSettings } from "../../src/stablecoin/deploy";

export const NAME = "Som Stablecoin";
export const SYMBOL = "KGSC";
export const DECIMALS = 2;
export const ADMIN_DELAY = 3 * 24 * 3600;
export const MAX_RESERVE_AGE = 2 * 24 * 3600;
export { SOM_RESERVES } from "../../src/chain/constants";
import { SOM_RESERVES } from "../../src/chain/constants";
/** Feed decimals of the fixture's mock source (equal to the token's: conversion is the identity). */
export const FEED_DECIMALS = 2;

/** 1 som = 100 units at 2 decimals. */
export const som = (n: bigint | number): bigint => BigInt(n) * 100n;

export const RESERVES = som(1_000_000);
export const MINTER_ALLOWANCE = som(500_000);
export const INITIAL_MINT = som(100_000);
export const HOLDER_BALANCE = som(1_000);
/** The fixture minter's rate limit: 200,000 som at once, refilled at 10 som a second. */
export const MINTER_RATE_LIMIT: RateLimit = { capacity: som(200_000), refillPerSecond: som(10) };

/** The token settings of the fixture (reserve and feed given per deployment). */
export function tokenSettings(reserve: string, reserveFeed: string): StablecoinSettings {
  return { name: NAME, symbol: SYMBOL, decimals: DECIMALS, reserve, reserveFeed, maxReserveAge: MAX_RESERVE_AGE };
}

/** The token's roles (MINTER_ADMIN_ROLE lives on the supply controller). */
export const ROLE_NAMES = ["UPGRADER_ROLE", "BURNER_ROLE", "PAUSER_ROLE", "COMPLIANCE_ROLE", "RESCUER_ROLE"] as const;
/** The supply controller's roles. */
export const CONTROLLER_ROLE_NAMES = ["UPGRADER_ROLE", "MINTER_ADMIN_ROLE"] as const;
export type RoleName = (typeof ROLE_NAMES)[number] | (typeof CONTROLLER_ROLE_NAMES)[number];

export const role = (name: RoleName | "DEFAULT_ADMIN_ROLE"): string =>
  name === "DEFAULT_ADMIN_ROLE" ? ethers.ZeroHash : ethers.id(name);

export interface StablecoinFixture {
  token: SomStablecoin;
  /** The supply controller, the token's only minter; `minter` is configured on it. */
  controller: SomSupplyController;
  feed: AttestedValueSourceMock;
  admin: HardhatEthersSigner;
  upgrader: HardhatEthersSigner;
  minterAdmin: HardhatEthersSigner;
  minter: HardhatEthersSigner;
  pauser: HardhatEthersSigner;
  compliance: HardhatEthersSigner;
  rescuer: HardhatEthersSigner;
  /** The reserve account; it also holds BURNER_ROLE (redemptions burn from the reserve). */
  reserve: HardhatEthersSigner;
  alice: HardhatEthersSigner;
  bob: HardhatEthersSigner;
  carol: HardhatEthersSigner;
  relayer: HardhatEthersSigner;
  other: HardhatEthersSigner;
  domain: StablecoinDomain;
}

export async function deployFeed(decimals = FEED_DECIMALS): Promise<AttestedValueSourceMock> {
  return ethers.deployContract("AttestedValueSourceMock", [decimals]);
}

export async function deployStablecoinFixture(): Promise<StablecoinFixture> {
  const [
    admin,
    upgrader,
    minterAdmin,
    minter,
    pauser,
    compliance,
    rescuer,
    reserve,
    alice,
    bob,
    carol,
    relayer,
    other,
  ] = await ethers.getSigners();
  const feed = await deployFeed();
  await feed.setReport(SOM_RESERVES, RESERVES, await time.latest());

  const { token, controller } = await deployStablecoinSystem(
    hre,
    admin,
    ADMIN_DELAY,
    tokenSettings(reserve.address, await feed.getAddress()),
    minterAdmin.address,
  );

  await token.connect(admin).grantRole(role("UPGRADER_ROLE"), upgrader.address);
  await token.connect(admin).grantRole(role("BURNER_ROLE"), reserve.address);
  await token.connect(admin).grantRole(role("PAUSER_ROLE"), pauser.address);
  await token.connect(admin).grantRole(role("COMPLIANCE_ROLE"), compliance.address);
  await token.connect(admin).grantRole(role("RESCUER_ROLE"), rescuer.address);
  await configureMinter(controller.connect(minterAdmin), {
    address: minter.address,
    allowance: MINTER_ALLOWANCE,
    rateLimit: MINTER_RATE_LIMIT,
  });

  await controller.connect(minter).mint(INITIAL_MINT);
  await token.connect(reserve).transfer(alice.address, HOLDER_BALANCE);
  await token.connect(reserve).transfer(bob.address, HOLDER_BALANCE);

  const { chainId } = await ethers.provider.getNetwork();
  const domain: StablecoinDomain = { name: NAME, chainId, verifyingContract: await token.getAddress() };
  return {
    token,
    controller,
    feed,
    admin,
    upgrader,
    minterAdmin,
    minter,
    pauser,
    compliance,
    rescuer,
    reserve,
    alice,
    bob,
    carol,
    relayer,
    other,
    domain,
  };
}

/** A deadline / validBefore one hour after the latest block. */
export async function inOneHour(): Promise<bigint> {
  return BigInt((await time.latest()) + 3600);
}

/** Which overload to call: v,r,s or the USDC v2.2 style `bytes signature`. */
export type SigForm = "vrs" | "bytes";
export const SIG_FORMS: readonly SigForm[] = ["vrs", "bytes"];

export interface SignedParts {
  signature: string;
  v: number;
  r: string;
  s: string;
}

export interface PermitArgs {
  owner: string;
  spender: string;
  value: bigint;
  deadline: bigint;
}

export function callPermit(
  token: SomStablecoin,
  sender: HardhatEthersSigner,
  a: PermitArgs,
  sig: SignedParts,
  form: SigForm,
) {
  const t = token.connect(sender);
  return form === "vrs"
    ? t["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"](
        a.owner,
        a.spender,
        a.value,
        a.deadline,
        sig.v,
        sig.r,
        sig.s,
      )
    : t["permit(address,address,uint256,uint256,bytes)"](a.owner, a.spender, a.value, a.deadline, sig.signature);
}

export interface AuthArgs {
  from: string;
  to: string;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  nonce: string;
}

export function callTransferWithAuthorization(
  token: SomStablecoin,
  sender: HardhatEthersSigner,
  a: AuthArgs,
  sig: SignedParts,
  form: SigForm,
) {
  const t = token.connect(sender);
  return form === "vrs"
    ? t["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"](
        a.from,
        a.to,
        a.value,
        a.validAfter,
        a.validBefore,
        a.nonce,
        sig.v,
        sig.r,
        sig.s,
      )
    : t["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
        a.from,
        a.to,
        a.value,
        a.validAfter,
        a.validBefore,
        a.nonce,
        sig.signature,
      );
}

export function callReceiveWithAuthorization(
  token: SomStablecoin,
  sender: HardhatEthersSigner,
  a: AuthArgs,
  sig: SignedParts,
  form: SigForm,
) {
  const t = token.connect(sender);
  return form === "vrs"
    ? t["receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"](
        a.from,
        a.to,
        a.value,
        a.validAfter,
        a.validBefore,
        a.nonce,
        sig.v,
        sig.r,
        sig.s,
      )
    : t["receiveWithAuthorization(address,address,uint256,uint256,uint256,bytes32,bytes)"](
        a.from,
        a.to,
        a.value,
        a.validAfter,
        a.validBefore,
        a.nonce,
        sig.signature,
      );
}

export function callCancelAuthorization(
  token: SomStablecoin,
  sender: HardhatEthersSigner,
  authorizer: string,
  nonce: string,
  sig: SignedParts,
  form: SigForm,
) {
  const t = token.connect(sender);
  return form === "vrs"
    ? t["cancelAuthorization(address,bytes32,uint8,bytes32,bytes32)"](authorizer, nonce, sig.v, sig.r, sig.s)
    : t["cancelAuthorization(address,bytes32,bytes)"](authorizer, nonce, sig.signature);
}
