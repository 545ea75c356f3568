/**
 * Deploys the primary market: the CounterpartyRegistry (UUPS, through @openzeppelin/hardhat-upgrades,
 * storage-layout validated), the RedemptionDesk (immutable escrow) and the DistributionRule (the
 * reserve guard's call rule). Deploy plans, the main job, fixtures and benchmarks all call these.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { BaseContract, Signer } from "ethers";
import { CounterpartyRegistry__factory } from "../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory";
import { DistributionRule__factory } from "../../typechain-types/factories/contracts/market/DistributionRule__factory";
import { RedemptionDesk__factory } from "../../typechain-types/factories/contracts/market/RedemptionDesk__factory";
import type { CounterpartyRegistry, DistributionRule, RedemptionDesk } from "../../typechain-types";
import { deployUupsProxy } from "../chain/upgrades";

/** Default settlement window of a redemption request: 3 days. */
export const DEFAULT_SETTLEMENT_WINDOW = 3 * 24 * 60 * 60;
/** Default delay of a default-admin transfer of the registry: 3 days. */
export const DEFAULT_REGISTRY_ADMIN_DELAY = 3 * 24 * 60 * 60;

export { MARKET_RECORD } from "./constants";

export interface RegistryOptions {
  deployer: Signer;
  /** Default admin (the reserve Safe). */
  admin: string;
  /** REGULATOR_ROLE: the regulator's own key. */
  regulator: string;
  /** UPGRADER_ROLE (the reserve Safe). */
  upgrader: string;
  /** Delay of a default-admin transfer, seconds. */
  adminDelay?: number;
}

/** `CounterpartyRegistry.initialize(adminDelay, admin, regulator, upgrader)`. */
export function counterpartyRegistryInitArgs(
  o: Omit<RegistryOptions, "deployer">,
): Parameters<CounterpartyRegistry["initialize"]> {
  return [o.adminDelay ?? DEFAULT_REGISTRY_ADMIN_DELAY, o.admin, o.regulator, o.upgrader];
}

/** Sends the CounterpartyRegistry's UUPS proxy deployment; returns the typed proxy once sent. */
export async function sendCounterpartyRegistry(
  hre: HardhatRuntimeEnvironment,
  deployer: Signer,
  args: Parameters<CounterpartyRegistry["initialize"]>,
): Promise<CounterpartyRegistry> {
  return deployUupsProxy(hre, new CounterpartyRegistry__factory(deployer), args);
}

/** Deploys the CounterpartyRegistry behind a UUPS proxy. */
export async function deployCounterpartyRegistry(
  hre: HardhatRuntimeEnvironment,
  o: RegistryOptions,
): Promise<CounterpartyRegistry> {
  const proxy = await sendCounterpartyRegistry(hre, o.deployer, counterpartyRegistryInitArgs(o));
  await proxy.waitForDeployment();
  return CounterpartyRegistry__factory.connect(await proxy.getAddress(), o.deployer);
}

export interface DeskOptions {
  deployer: Signer;
  /** The stablecoin (proxy). */
  token: string;
  /** The counterparty registry (proxy). */
  registry: string;
  /** The reserve Safe: settles and rejects. */
  reserve: string;
  /** Settlement window, seconds. */
  settlementWindow?: number;
}

/**
 * Deploys the RedemptionDesk. It still needs the stablecoin's BURNER_ROLE, granted by the token's
 * admin (the reserve Safe): see {@link burnerRoleGrant}.
 */
export async function deployRedemptionDesk(o: DeskOptions): Promise<RedemptionDesk> {
  return mined(sendRedemptionDesk(o));
}

/** Sends the RedemptionDesk's deployment; returns it once sent (see {@link deployRedemptionDesk}). */
export function sendRedemptionDesk(o: DeskOptions): Promise<RedemptionDesk> {
  return new RedemptionDesk__factory(o.deployer).deploy(
    o.token,
    o.registry,
    o.reserve,
    o.settlementWindow ?? DEFAULT_SETTLEMENT_WINDOW,
  );
}

export interface RuleOptions {
  deployer: Signer;
  token: string;
  registry: string;
  /** The redemption desk (its escrow can never be wiped by the Safe). */
  desk: string;
}

/** Deploys the DistributionRule (to be installed as the reserve Safe's call rule in the ReserveGuard). */
export async function deployDistributionRule(o: RuleOptions): Promise<DistributionRule> {
  return mined(sendDistributionRule(o));
}

/** Sends the DistributionRule's deployment; returns it once sent (see {@link deployDistributionRule}). */
export function sendDistributionRule(o: RuleOptions): Promise<DistributionRule> {
  return new DistributionRule__factory(o.deployer).deploy(o.token, o.registry, o.desk);
}

/** The contract `deploying` resolves to, once its deployment is mined. */
async function mined<C extends BaseContract>(deploying: Promise<C>): Promise<C> {
  const contract = await deploying;
  await contract.waitForDeployment();
  return contract;
}

export interface MarketOptions {
  deployer: Signer;
  token: string;
  reserve: string;
  regulator: string;
  adminDelay?: number;
  settlementWindow?: number;
}

export interface Market {
  registry: CounterpartyRegistry;
  desk: RedemptionDesk;
  rule: DistributionRule;
}

/** Deploys all three, the reserve Safe as the registry's admin and upgrader. */
export async function deployMarket(hre: HardhatRuntimeEnvironment, o: MarketOptions): Promise<Market> {
  const registry = await deployCounterpartyRegistry(hre, {
    deployer: o.deployer,
    admin: o.reserve,
    regulator: o.regulator,
    upgrader: o.reserve,
    adminDelay: o.adminDelay,
  });
  const registryAddress = await registry.getAddress();
  const desk = await deployRedemptionDesk({
    deployer: o.deployer,
    token: o.token,
    registry: registryAddress,
    reserve: o.reserve,
    settlementWindow: o.settlementWindow,
  });
  const rule = await deployDistributionRule({
    deployer: o.deployer,
    token: o.token,
    registry: registryAddress,
    desk: await desk.getAddress(),
  });
  return { registry, desk, rule };
}
