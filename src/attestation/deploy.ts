/**
 * Deploys the attestation registry (UUPS proxy, storage layout validated by
 * @openzeppelin/hardhat-upgrades) and the Chainlink-compatible reserve adapter, typed. Used by the
 * production deploy (its plan steps in ./plan.ts), the fixtures and the benchmarks.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { BigNumberish, Signer } from "ethers";
import { AttestationRegistry__factory } from "../../typechain-types/factories/contracts/attestation/AttestationRegistry__factory";
import { ReserveAggregatorAdapter__factory } from "../../typechain-types/factories/contracts/attestation/ReserveAggregatorAdapter__factory";
import type { AttestationRegistry, ReserveAggregatorAdapter } from "../../typechain-types";
import { SOM_RESERVES } from "../chain/constants";
import { deployUupsProxy } from "../chain/upgrades";

/** Description of the Chainlink-compatible view of the som reserves. */
export const ADAPTER_DESCRIPTION = "KGS reserves / attested (som)";

export interface RegistryInit {
  admin: string;
  adminTransferDelay: BigNumberish;
  valueDecimals: number;
  attestors: readonly string[];
  threshold: number;
  /** Allowed clock skew of a report's asOf into the future, seconds. */
  maxFutureSkew: number;
}

/** `initialize(admin, delay, decimals, attestors, threshold, maxFutureSkew)`. */
export function registryInitArgs(o: RegistryInit): Parameters<AttestationRegistry["initialize"]> {
  return [o.admin, o.adminTransferDelay, o.valueDecimals, [...o.attestors], o.threshold, o.maxFutureSkew];
}

/** Deploys implementation + UUPS proxy; returns the typed proxy once its transaction is sent. */
export async function deployAttestationRegistry(
  hre: HardhatRuntimeEnvironment,
  deployer: Signer,
  o: RegistryInit,
): Promise<AttestationRegistry> {
  return deployUupsProxy(hre, new AttestationRegistry__factory(deployer), registryInitArgs(o));
}

/** Constructor arguments of the reserve adapter over `registry`. */
export function adapterArgs(registry: string): [string, string, string] {
  return [registry, SOM_RESERVES, ADAPTER_DESCRIPTION];
}

/** Deploys the reserve adapter; returns it once its transaction is sent. */
export async function deployReserveAdapter(deployer: Signer, registry: string): Promise<ReserveAggregatorAdapter> {
  return new ReserveAggregatorAdapter__factory(deployer).deploy(...adapterArgs(registry));
}
