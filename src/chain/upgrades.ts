/**
 * The one way this library deploys a UUPS proxy: through @openzeppelin/hardhat-upgrades (implementation and
 * storage layout validated), polling for receipts every {@link UPGRADES_POLLING_INTERVAL_MS}.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
// Type extensions only (hre.upgrades): the plugin itself is loaded by hardhat.config.ts.
import type {} from "@openzeppelin/hardhat-upgrades";
import type { ContractFactory } from "ethers";
import { UPGRADES_POLLING_INTERVAL_MS } from "./constants";

/** The contract `factory.deploy()` resolves to: TypeChain's typed contract with its deployment transaction. */
export type DeployedBy<F extends ContractFactory> = Awaited<ReturnType<F["deploy"]>>;

/**
 * Deploys the implementation of `factory` (once per bytecode: the plugin reuses a deployed one) and a UUPS proxy
 * initialized with `args`. Returns the proxy, typed as `factory`'s contract, once its transaction is sent, not
 * mined: the deploy logs it as sent first (a kill from there on leaves it pending), then waits; the proxy object
 * keeps its deployment transaction for the records. `constructorArgs` are the implementation's (immutables).
 */
export async function deployUupsProxy<F extends ContractFactory>(
  hre: HardhatRuntimeEnvironment,
  factory: F,
  args: unknown[],
  options: { constructorArgs?: unknown[] } = {},
): Promise<DeployedBy<F>> {
  const proxy = await hre.upgrades.deployProxy(factory, args, {
    kind: "uups",
    pollingInterval: UPGRADES_POLLING_INTERVAL_MS,
    ...options,
  });
  // The plugin types the proxy as ReturnType<F["attach"]> & ReturnType<F["deploy"]>, a promise (TypeChain's
  // factories type only deploy): what it is, is the contract deploy resolves to.
  return proxy as unknown as DeployedBy<F>;
}
