/**
 * The asset stack's steps of the deployment plan (src/deploy/plan.ts composes them): the IdentityRegistry
 * (UUPS), the AssetToken UpgradeableBeacon and the AssetFactory (UUPS), the deployer their temporary admin,
 * KYC officer, upgrader, creator and reserve (zero admin delay); then the registry's reserve and the beacon's
 * ownership go to the reserve Safe.
 */
import { ZeroAddress, keccak256, toUtf8Bytes } from "ethers";
import type { PlanState, PlanStep } from "../chain/plan";
import { addressOf, sameAddress, stateChange, uupsStep } from "../chain/plan";
import { AssetFactory__factory } from "../../typechain-types/factories/contracts/assets/AssetFactory__factory";
import { IdentityRegistry__factory } from "../../typechain-types/factories/contracts/identity/IdentityRegistry__factory";
import { UpgradeableBeacon__factory } from "../../typechain-types/factories/@openzeppelin/contracts/proxy/beacon/UpgradeableBeacon__factory";
import type { AssetFactory, IdentityRegistry, UpgradeableBeacon } from "../../typechain-types";
import {
  assetFactoryInitArgs,
  deployAssetFactory,
  deployAssetTokenBeacon,
  deployIdentityRegistry,
  identityInitArgs,
} from "./deploy";

/** Record names of the asset stack in deployments/<network>/. */
export const ASSET_RECORDS = {
  identity: "IdentityRegistry",
  assetBeacon: "AssetTokenBeacon",
  assetFactory: "AssetFactory",
} as const;

export function identityRegistryOf(s: PlanState): IdentityRegistry {
  return IdentityRegistry__factory.connect(addressOf(s, ASSET_RECORDS.identity), s.deployer);
}

export function assetFactoryOf(s: PlanState): AssetFactory {
  return AssetFactory__factory.connect(addressOf(s, ASSET_RECORDS.assetFactory), s.deployer);
}

export function assetBeaconOf(s: PlanState): UpgradeableBeacon {
  return UpgradeableBeacon__factory.connect(addressOf(s, ASSET_RECORDS.assetBeacon), s.deployer);
}

/** The identity registry (UUPS); adopted on resume when it has the KYC officer role. */
export function identityStep(): PlanStep {
  return uupsStep({
    name: ASSET_RECORDS.identity,
    contract: "IdentityRegistry",
    factory: IdentityRegistry__factory,
    args: (s) =>
      identityInitArgs({
        adminDelay: 0,
        admin: s.deployerAddress,
        kycOfficer: s.deployerAddress,
        upgrader: s.deployerAddress,
        reserve: s.deployerAddress,
      }),
    deploy: (s, args) => deployIdentityRegistry(s.hre, s.deployer, args),
    identify: async (_, registry) => (await registry.KYC_OFFICER_ROLE()) === keccak256(toUtf8Bytes("KYC_OFFICER_ROLE")),
  });
}

/** The AssetToken implementation and its beacon (owned by the deployer until the hand-over). */
export function assetBeaconStep(): PlanStep {
  const name = ASSET_RECORDS.assetBeacon;
  return {
    name,
    run: async (s, tools) => {
      const created = await tools.create(
        name,
        async () => tools.landed(name, await deployAssetTokenBeacon(s.hre, s.deployer, s.deployerAddress)),
        async (address) => {
          try {
            return (await s.hre.upgrades.beacon.getImplementationAddress(address)) !== ZeroAddress;
          } catch {
            return false;
          }
        },
      );
      s.address[name] = created.address;
      const implementation = await assetBeaconOf(s).implementation();
      await tools.save({
        name,
        contract: "UpgradeableBeacon",
        abi: UpgradeableBeacon__factory.abi,
        created,
        args: [implementation, s.deployerAddress],
        compiledFrom: "AssetToken",
        proxy: { kind: "beacon", implementation },
        implementationContract: "AssetToken",
      });
      return !created.skipped;
    },
  };
}

/** The asset factory (UUPS) over the beacon and the identity registry, valuing assets from `valuationSourceRecord`. */
export function assetFactoryStep(valuationSourceRecord: string): PlanStep {
  return uupsStep({
    name: ASSET_RECORDS.assetFactory,
    contract: "AssetFactory",
    factory: AssetFactory__factory,
    args: (s) =>
      assetFactoryInitArgs({
        adminDelay: 0,
        admin: s.deployerAddress,
        creator: s.deployerAddress,
        upgrader: s.deployerAddress,
        beacon: addressOf(s, ASSET_RECORDS.assetBeacon),
        identityRegistry: addressOf(s, ASSET_RECORDS.identity),
        valuationSource: addressOf(s, valuationSourceRecord),
      }),
    deploy: (s, args) => deployAssetFactory(s.hre, s.deployer, args),
    identify: async (s, factory) => sameAddress(await factory.beacon(), addressOf(s, ASSET_RECORDS.assetBeacon)),
  });
}

/** The identity registry's reserve (always verified) becomes the reserve Safe. */
export function identitySetReserveStep(): PlanStep {
  return stateChange<PlanState>(
    "identity.setReserve(@safe)",
    async (s) => sameAddress(await identityRegistryOf(s).reserve(), s.safe),
    async (s, tools, step) => [await tools.send(step, identityRegistryOf(s).setReserve(s.safe))],
  );
}

/** The beacon's ownership (AssetToken upgrades) goes straight to the reserve Safe. */
export function assetBeaconHandOverStep(): PlanStep {
  return stateChange<PlanState>(
    "assetBeacon.transferOwnership(@safe)",
    async (s) => sameAddress(await assetBeaconOf(s).owner(), s.safe),
    async (s, tools, step) => [await tools.send(step, assetBeaconOf(s).transferOwnership(s.safe))],
  );
}
