/**
 * Deploys the som stablecoin (UUPS proxy through @openzeppelin/hardhat-upgrades, storage layout
 * validated). The one place that spells out the 8-argument initializer: {@link stablecoinInitArgs}.
 * Used alike by the production deploy (src/deploy/system.ts), the fixtures and the benchmarks.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type {} from "@openzeppelin/hardhat-upgrades";
import type { BigNumberish, Signer } from "ethers";
import { SomStablecoin__factory } from "../../typechain-types";
import type { SomStablecoin } from "../../typechain-types";

export interface StablecoinInit {
  name: string;
  symbol: string;
  decimals: number;
  /** Default admin (the reserve Safe; in deployment the deployer first, then handed over). */
  admin: string;
  /** Delay of a default-admin transfer, seconds. */
  adminTransferDelay: BigNumberish;
  /** The reserve that receives mints. */
  reserve: string;
  /** The attested reserve feed (AttestationRegistry). */
  reserveFeed: string;
  /** Maximum age of the SOM_RESERVES report for a mint to go through, seconds. */
  maxReserveAge: BigNumberish;
}

/** The initializer's arguments, in order: `initialize(name, symbol, decimals, admin, delay, reserve, feed, maxAge)`. */
export function stablecoinInitArgs(o: StablecoinInit): Parameters<SomStablecoin["initialize"]> {
  return [o.name, o.symbol, o.decimals, o.admin, o.adminTransferDelay, o.reserve, o.reserveFeed, o.maxReserveAge];
}

/** Deploys implementation + UUPS proxy; returns the typed proxy once its transaction is sent (not yet mined). */
export async function deployStablecoin(hre: HardhatRuntimeEnvironment, deployer: Signer, o: StablecoinInit): Promise<SomStablecoin> {
  const proxy = await hre.upgrades.deployProxy(new SomStablecoin__factory(deployer), stablecoinInitArgs(o), { kind: "uups" });
  return proxy as unknown as SomStablecoin;
}
