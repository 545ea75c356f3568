/**
 * Deploys the asset stack: IdentityRegistry (UUPS), the AssetToken UpgradeableBeacon and the
 * AssetFactory (UUPS), through @openzeppelin/hardhat-upgrades (storage-layout validated), typed.
 * The per-contract functions are the ones the production deploy runs as steps (./plan.ts).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type {} from "@openzeppelin/hardhat-upgrades";
import type { BigNumberish, Signer } from "ethers";
import { AssetFactory__factory } from "../../typechain-types/factories/contracts/assets/AssetFactory__factory";
import { AssetToken__factory } from "../../typechain-types/factories/contracts/assets/AssetToken__factory";
import { IdentityRegistry__factory } from "../../typechain-types/factories/contracts/identity/IdentityRegistry__factory";
import type { AssetFactory, IdentityRegistry, UpgradeableBeacon } from "../../typechain-types";
import { UPGRADES_POLLING_INTERVAL_MS } from "../chain/constants";
import { deployUupsProxy } from "../chain/upgrades";

export interface AssetStackOptions {
  /** Sends the deployment transactions. */
  deployer: Signer;
  /** Default admin of the registry and the factory (the reserve Safe in deployment). */
  admin: string;
  kycOfficer: string;
  /** UPGRADER_ROLE of the registry and the factory, and owner of the AssetToken beacon. */
  upgrader: string;
  /** The reserve, always verified; shares are minted into it. */
  reserve: string;
  /** ASSET_CREATOR_ROLE of the factory. */
  creator: string;
  /** The attestation registry (IAttestedValueSource) valuations are read from. */
  valuationSource: string;
  /** Delay of a default-admin transfer, seconds (default 3 days). */
  adminDelay?: number;
}

export interface AssetStack {
  identityRegistry: IdentityRegistry;
  /** The UpgradeableBeacon every asset token points at. */
  beacon: string;
  factory: AssetFactory;
}

export const DEFAULT_ADMIN_DELAY = 3 * 24 * 60 * 60;

/** `IdentityRegistry.initialize(admin, delay, kycOfficer, upgrader, reserve)`. */
export function identityInitArgs(o: {
  adminDelay: BigNumberish;
  admin: string;
  kycOfficer: string;
  upgrader: string;
  reserve: string;
}): Parameters<IdentityRegistry["initialize"]> {
  return [o.admin, o.adminDelay, o.kycOfficer, o.upgrader, o.reserve];
}

/** `AssetFactory.initialize(admin, delay, creator, upgrader, beacon, identityRegistry, valuationSource)`. */
export function assetFactoryInitArgs(o: {
  adminDelay: BigNumberish;
  admin: string;
  creator: string;
  upgrader: string;
  beacon: string;
  identityRegistry: string;
  valuationSource: string;
}): Parameters<AssetFactory["initialize"]> {
  return [o.admin, o.adminDelay, o.creator, o.upgrader, o.beacon, o.identityRegistry, o.valuationSource];
}

/** Deploys the identity registry (UUPS); returns the typed proxy once its transaction is sent. */
export async function deployIdentityRegistry(
  hre: HardhatRuntimeEnvironment,
  deployer: Signer,
  args: Parameters<IdentityRegistry["initialize"]>,
): Promise<IdentityRegistry> {
  return deployUupsProxy(hre, new IdentityRegistry__factory(deployer), args);
}

/**
 * Deploys the AssetToken implementation and its UpgradeableBeacon owned by `owner`; returns the typed beacon once sent.
 */
export async function deployAssetTokenBeacon(
  hre: HardhatRuntimeEnvironment,
  deployer: Signer,
  owner: string,
): Promise<UpgradeableBeacon> {
  const beacon = await hre.upgrades.deployBeacon(new AssetToken__factory(deployer), {
    initialOwner: owner,
    pollingInterval: UPGRADES_POLLING_INTERVAL_MS,
  });
  return beacon as unknown as UpgradeableBeacon;
}

/** Deploys the asset factory (UUPS); returns the typed proxy once its transaction is sent. */
export async function deployAssetFactory(
  hre: HardhatRuntimeEnvironment,
  deployer: Signer,
  args: Parameters<AssetFactory["initialize"]>,
): Promise<AssetFactory> {
  return deployUupsProxy(hre, new AssetFactory__factory(deployer), args);
}

export async function deployAssetStack(hre: HardhatRuntimeEnvironment, o: AssetStackOptions): Promise<AssetStack> {
  const delay = o.adminDelay ?? DEFAULT_ADMIN_DELAY;
  const registryProxy = await deployIdentityRegistry(
    hre,
    o.deployer,
    identityInitArgs({
      adminDelay: delay,
      admin: o.admin,
      kycOfficer: o.kycOfficer,
      upgrader: o.upgrader,
      reserve: o.reserve,
    }),
  );
  await registryProxy.waitForDeployment();
  const registryAddress = await registryProxy.getAddress();

  const beacon = await deployAssetTokenBeacon(hre, o.deployer, o.upgrader);
  await beacon.waitForDeployment();
  const beaconAddress = await beacon.getAddress();

  const factoryProxy = await deployAssetFactory(
    hre,
    o.deployer,
    assetFactoryInitArgs({
      adminDelay: delay,
      admin: o.admin,
      creator: o.creator,
      upgrader: o.upgrader,
      beacon: beaconAddress,
      identityRegistry: registryAddress,
      valuationSource: o.valuationSource,
    }),
  );
  await factoryProxy.waitForDeployment();
  const factoryAddress = await factoryProxy.getAddress();

  return {
    identityRegistry: IdentityRegistry__factory.connect(registryAddress, o.deployer),
    beacon: beaconAddress,
    factory: AssetFactory__factory.connect(factoryAddress, o.deployer),
  };
}
