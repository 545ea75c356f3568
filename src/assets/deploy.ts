/**
 * Deploys the asset stack: IdentityRegistry (UUPS), the AssetToken UpgradeableBeacon and the
 * AssetFactory (UUPS), through @openzeppelin/hardhat-upgrades (storage-layout validated).
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { Signer } from "ethers";
import { AssetFactory__factory, IdentityRegistry__factory } from "../../typechain-types";
import type { AssetFactory, IdentityRegistry } from "../../typechain-types";

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

export async function deployAssetStack(hre: HardhatRuntimeEnvironment, o: AssetStackOptions): Promise<AssetStack> {
  const delay = o.adminDelay ?? DEFAULT_ADMIN_DELAY;
  const registryProxy = await hre.upgrades.deployProxy(
    new IdentityRegistry__factory(o.deployer),
    [o.admin, delay, o.kycOfficer, o.upgrader, o.reserve],
    { kind: "uups" },
  );
  await registryProxy.waitForDeployment();
  const registryAddress = await registryProxy.getAddress();

  const AssetToken = await hre.ethers.getContractFactory("AssetToken", o.deployer);
  const beacon = await hre.upgrades.deployBeacon(AssetToken, { initialOwner: o.upgrader });
  await beacon.waitForDeployment();
  const beaconAddress = await beacon.getAddress();

  const factoryProxy = await hre.upgrades.deployProxy(
    new AssetFactory__factory(o.deployer),
    [o.admin, delay, o.creator, o.upgrader, beaconAddress, registryAddress, o.valuationSource],
    { kind: "uups" },
  );
  await factoryProxy.waitForDeployment();
  const factoryAddress = await factoryProxy.getAddress();

  return {
    identityRegistry: IdentityRegistry__factory.connect(registryAddress, o.deployer),
    beacon: beaconAddress,
    factory: AssetFactory__factory.connect(factoryAddress, o.deployer),
  };
}
