/**
 * The stablecoin's steps of the deployment plan (src/deploy/plan.ts composes them): the token (UUPS), its
 * supply controller (UUPS; the token's only minter, its implementation names the token proxy), the wiring
 * between them, the configured minters, and the token's reserve. The deployer is both contracts' temporary
 * admin (zero admin delay) and the token's reserve until the hand-over.
 */
import type { PlanState, PlanStep } from "../chain/plan";
import { addressOf, roleId, sameAddress, stateChange, uupsStep } from "../chain/plan";
import { formatAmount } from "../chain/amounts";
import type { TransactionReceipt } from "ethers";
import { SomStablecoin__factory } from "../../typechain-types/factories/contracts/stablecoin/SomStablecoin__factory";
import { SomSupplyController__factory } from "../../typechain-types/factories/contracts/stablecoin/SomSupplyController__factory";
import type { SomStablecoin, SomSupplyController } from "../../typechain-types";
import {
  deployStablecoin,
  deploySupplyController,
  minterMatches,
  stablecoinInitArgs,
  supplyControllerInitArgs,
} from "./deploy";
import type { MinterSettings, StablecoinSettings } from "./deploy";

/** Record names of the stablecoin contracts in deployments/<network>/. */
export const STABLECOIN_RECORDS = { stablecoin: "SomStablecoin", supplyController: "SomSupplyController" } as const;

/** The token as configured. */
export interface StablecoinPlan {
  name: string;
  symbol: string;
  decimals: number;
  /** Maximum age (seconds) of the SOM_RESERVES report for a mint to go through. */
  maxReserveAge: number;
}

/** A minter as configured: address reference, allowance and rate limit in base units (decimal strings). */
export interface MinterPlan {
  address: string;
  allowance: string;
  rateLimit: { capacity: string; refillPerSecond: string };
}

export function stablecoinOf(s: PlanState): SomStablecoin {
  return SomStablecoin__factory.connect(addressOf(s, STABLECOIN_RECORDS.stablecoin), s.deployer);
}

export function supplyControllerOf(s: PlanState): SomSupplyController {
  return SomSupplyController__factory.connect(addressOf(s, STABLECOIN_RECORDS.supplyController), s.deployer);
}

/** A configured minter as the controller stores it. */
export function minterSettings(s: PlanState, m: MinterPlan): MinterSettings {
  return {
    address: s.resolve(m.address),
    allowance: BigInt(m.allowance),
    rateLimit: { capacity: BigInt(m.rateLimit.capacity), refillPerSecond: BigInt(m.rateLimit.refillPerSecond) },
  };
}

/**
 * The minter is active with the configured rate limit and at most the configured allowance (each mint uses some up).
 */
export async function minterAsConfigured(controller: SomSupplyController, m: MinterSettings): Promise<boolean> {
  const st = await controller.minterState(m.address);
  return (
    st.active &&
    st.allowance <= m.allowance &&
    st.capacity === m.rateLimit.capacity &&
    st.refillPerSecond === m.rateLimit.refillPerSecond
  );
}

/** The token's settings (the `Settings` struct of its initializer); the deployer is the reserve until the hand-over. */
function settingsOf(s: PlanState, sc: StablecoinPlan, reserveFeedRecord: string): StablecoinSettings {
  return {
    name: sc.name,
    symbol: sc.symbol,
    decimals: sc.decimals,
    reserve: s.deployerAddress,
    reserveFeed: addressOf(s, reserveFeedRecord),
    maxReserveAge: sc.maxReserveAge,
  };
}

/**
 * The token (UUPS) reading its reserve from `reserveFeedRecord`; adopted on resume when it has the configured symbol.
 */
export function stablecoinStep(sc: StablecoinPlan, reserveFeedRecord: string): PlanStep {
  return uupsStep({
    name: STABLECOIN_RECORDS.stablecoin,
    contract: "SomStablecoin",
    factory: SomStablecoin__factory,
    args: (s) => stablecoinInitArgs(s.deployerAddress, 0, settingsOf(s, sc, reserveFeedRecord)),
    deploy: (s, args) => deployStablecoin(s.hre, s.deployer, ...args),
    identify: async (_, token) => (await token.symbol()) === sc.symbol,
  });
}

/** The token's only minter (UUPS); its implementation names the token proxy (constructor argument). */
export function supplyControllerStep(): PlanStep {
  return uupsStep({
    name: STABLECOIN_RECORDS.supplyController,
    contract: "SomSupplyController",
    factory: SomSupplyController__factory,
    args: (s) => supplyControllerInitArgs(s.deployerAddress, 0),
    deploy: (s, [admin, delay]) =>
      deploySupplyController(s.hre, s.deployer, addressOf(s, STABLECOIN_RECORDS.stablecoin), admin, delay),
    identify: async (s, controller) =>
      sameAddress(await controller.token(), addressOf(s, STABLECOIN_RECORDS.stablecoin)),
  });
}

/** The supply controller is the token's only minter. */
export function setSupplyControllerStep(): PlanStep {
  return stateChange<PlanState>(
    "stablecoin.setSupplyController(SomSupplyController)",
    async (s) =>
      sameAddress(await stablecoinOf(s).supplyController(), addressOf(s, STABLECOIN_RECORDS.supplyController)),
    async (s, tools, step) => [
      await tools.send(step, stablecoinOf(s).setSupplyController(addressOf(s, STABLECOIN_RECORDS.supplyController))),
    ],
  );
}

/** Minters on the controller, one step each: the deployer holds MINTER_ADMIN_ROLE only for these steps. */
export function minterSteps(
  minters: readonly MinterPlan[],
  sc: Pick<StablecoinPlan, "decimals" | "symbol">,
): PlanStep[] {
  return minters.map((m) =>
    stateChange<PlanState>(
      `supplyController.configureMinter(${m.address}, ` +
        `${formatAmount(BigInt(m.allowance), { decimals: sc.decimals, symbol: sc.symbol })}` +
        ` = ${m.allowance} base units, ` +
        `rate limit ${m.rateLimit.capacity} + ${m.rateLimit.refillPerSecond}/s)`,
      async (s) => minterMatches(supplyControllerOf(s), minterSettings(s, m)),
      async (s, tools, step) => {
        const controller = supplyControllerOf(s);
        const settings = minterSettings(s, m);
        const out: (TransactionReceipt | null)[] = [];
        const minterAdmin = roleId("MINTER_ADMIN_ROLE");
        if (!(await controller.hasRole(minterAdmin, s.deployerAddress)))
          out.push(await tools.send(step, controller.grantRole(minterAdmin, s.deployerAddress)));
        out.push(
          await tools.send(
            step,
            controller.configureMinter(
              settings.address,
              settings.allowance,
              settings.rateLimit.capacity,
              settings.rateLimit.refillPerSecond,
            ),
          ),
        );
        return out;
      },
    ),
  );
}

/** The token's reserve becomes the reserve Safe. */
export function setReserveStep(): PlanStep {
  return stateChange<PlanState>(
    "stablecoin.setReserve(@safe)",
    async (s) => sameAddress(await stablecoinOf(s).reserve(), s.safe),
    async (s, tools, step) => [await tools.send(step, stablecoinOf(s).setReserve(s.safe))],
  );
}
