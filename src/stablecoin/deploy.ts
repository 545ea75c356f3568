/**
 * The one way to deploy and configure the som stablecoin and its supply controller (the token's
 * only minter). Production (the deployment plan, ./plan.ts), the main job, fixtures and benchmarks all call
 * these functions.
 *
 * Order: the token proxy (no minter yet), then the controller (its implementation names the
 * token proxy as an immutable), then `token.setSupplyController(controller)`, then minters with an
 * allowance and a rate limit on the controller.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
// Type extension only (hre.ethers): the plugin itself is loaded by hardhat.config.ts.
import type {} from "@nomicfoundation/hardhat-ethers";
import type { ContractTransactionResponse, Signer, TransactionReceipt } from "ethers";
import type { ISomStablecoin, SomStablecoin, SomSupplyController } from "../../typechain-types";
import { deployUupsProxy } from "../chain/upgrades";

/** The token's own settings (the `Settings` struct of `initialize`). */
export type StablecoinSettings = ISomStablecoin.SettingsStruct;

/** A minter's refilling rate limit: a bucket of `capacity` that refills `refillPerSecond` per second. */
export interface RateLimit {
  capacity: bigint;
  refillPerSecond: bigint;
}

/** A minter of the supply controller: total allowance and rate limit, in token base units. */
export interface MinterSettings {
  address: string;
  allowance: bigint;
  rateLimit: RateLimit;
}

/** Largest allowance the controller stores (2**128 - 1). */
export const MAX_MINTER_ALLOWANCE = (1n << 128n) - 1n;
/** Largest capacity or refill per second the controller stores (2**88 - 1). */
export const MAX_RATE_LIMIT_VALUE = (1n << 88n) - 1n;

/** Arguments of `SomStablecoin.initialize`: admin, admin transfer delay, then the settings. */
export function stablecoinInitArgs(
  admin: string,
  adminTransferDelay: number | bigint,
  settings: StablecoinSettings,
): [string, bigint, StablecoinSettings] {
  return [admin, BigInt(adminTransferDelay), settings];
}

/** Arguments of `SomSupplyController.initialize`: admin, admin transfer delay. */
export function supplyControllerInitArgs(admin: string, adminTransferDelay: number | bigint): [string, bigint] {
  return [admin, BigInt(adminTransferDelay)];
}

/** Constructor arguments of the controller implementation: the token proxy it mints. */
export function supplyControllerConstructorArgs(token: string): [string] {
  return [token];
}

/** Deploys the token behind a UUPS proxy (nobody can mint until {@link setSupplyController}). */
export async function deployStablecoin(
  hre: HardhatRuntimeEnvironment,
  deployer: Signer,
  admin: string,
  adminTransferDelay: number | bigint,
  settings: StablecoinSettings,
  contract = "SomStablecoin",
): Promise<SomStablecoin> {
  const factory = await hre.ethers.getContractFactory(contract, deployer);
  // Returned once the proxy's transaction is sent, not mined (see deployUupsProxy). The factory is looked up by
  // name (`contract` may be an upgrade test's variant), so its type is the generic one: hence the cast.
  const proxy = await deployUupsProxy(hre, factory, stablecoinInitArgs(admin, adminTransferDelay, settings));
  return proxy as unknown as SomStablecoin;
}

/** Deploys the supply controller of `token` behind a UUPS proxy. */
export async function deploySupplyController(
  hre: HardhatRuntimeEnvironment,
  deployer: Signer,
  token: string,
  admin: string,
  adminTransferDelay: number | bigint,
): Promise<SomSupplyController> {
  const factory = await hre.ethers.getContractFactory("SomSupplyController", deployer);
  const proxy = await deployUupsProxy(hre, factory, supplyControllerInitArgs(admin, adminTransferDelay), {
    constructorArgs: supplyControllerConstructorArgs(token),
  });
  // Sent, not yet mined (as deployStablecoin).
  return proxy as unknown as SomSupplyController;
}

async function mined(tx: Promise<ContractTransactionResponse>): Promise<TransactionReceipt> {
  const sent = await tx;
  const receipt = await sent.wait();
  // wait() with its default single confirmation resolves with the receipt or throws (reverted, replaced).
  if (!receipt) throw new Error(`internal: no receipt for ${sent.hash}`);
  return receipt;
}

/** Makes `controller` the token's only minter (the token's default admin signs). */
export async function setSupplyController(token: SomStablecoin, controller: string): Promise<TransactionReceipt> {
  return mined(token.setSupplyController(controller));
}

/** Makes `m.address` a minter, or replaces its allowance and rate limit (a minter admin signs). */
export async function configureMinter(controller: SomSupplyController, m: MinterSettings): Promise<TransactionReceipt> {
  return mined(controller.configureMinter(m.address, m.allowance, m.rateLimit.capacity, m.rateLimit.refillPerSecond));
}

/** Changes the rate limit of the minter `minter` (a minter admin signs). */
export async function setRateLimit(
  controller: SomSupplyController,
  minter: string,
  rateLimit: RateLimit,
): Promise<TransactionReceipt> {
  return mined(controller.setRateLimit(minter, rateLimit.capacity, rateLimit.refillPerSecond));
}

/** Removes the minter `minter` (a minter admin signs). */
export async function removeMinter(controller: SomSupplyController, minter: string): Promise<TransactionReceipt> {
  return mined(controller.removeMinter(minter));
}

/** Whether `m.address` is a minter with exactly this allowance and rate limit (for resumable deploys). */
export async function minterMatches(controller: SomSupplyController, m: MinterSettings): Promise<boolean> {
  const st = await controller.minterState(m.address);
  return (
    st.active &&
    st.allowance === m.allowance &&
    st.capacity === m.rateLimit.capacity &&
    st.refillPerSecond === m.rateLimit.refillPerSecond
  );
}

/** Token and controller wired together, as every fixture and benchmark starts. */
export interface StablecoinSystem {
  token: SomStablecoin;
  controller: SomSupplyController;
}

/**
 * Deploys the token and its controller with `admin` as both default admins (no delay is applied
 * before `setSupplyController`: `admin` must be the `deployer`), makes the controller the only
 * minter and grants `minterAdmin` MINTER_ADMIN_ROLE on it.
 */
export async function deployStablecoinSystem(
  hre: HardhatRuntimeEnvironment,
  admin: Signer,
  adminTransferDelay: number | bigint,
  settings: StablecoinSettings,
  minterAdmin: string,
  contract = "SomStablecoin",
): Promise<StablecoinSystem> {
  const adminAddress = await admin.getAddress();
  const token = await deployStablecoin(hre, admin, adminAddress, adminTransferDelay, settings, contract);
  await token.waitForDeployment();
  const controller = await deploySupplyController(
    hre,
    admin,
    await token.getAddress(),
    adminAddress,
    adminTransferDelay,
  );
  await controller.waitForDeployment();
  await setSupplyController(token, await controller.getAddress());
  await mined(controller.grantRole(await controller.MINTER_ADMIN_ROLE(), minterAdmin));
  return { token, controller };
}
