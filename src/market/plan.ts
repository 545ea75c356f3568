/**
 * The primary market's steps of the deployment plan (src/deploy/plan.ts composes them when the configuration has a
 * `market` section, docs/market.md): the CounterpartyRegistry (UUPS; the deployer its temporary admin, regulator and
 * upgrader, zero admin delay), then, once the reserve Safe's address is known, the RedemptionDesk (the Safe settles)
 * and the DistributionRule; the minimum capital per category and the initial licences (the deployer as regulator),
 * the configured regulator and the Safe as upgrader, the desk's BURNER_ROLE on the stablecoin, and the deployer's
 * temporary roles renounced. The registry's default admin goes to the Safe with the other contracts' (hand-over).
 * Installing the rule in the reserve Safe's ReserveGuard is the Safe's own announced, delayed call (src/deploy/).
 */
import { keccak256, toUtf8Bytes } from "ethers";
import type { PlanState, PlanStep } from "../chain/plan";
import { DeployError, addressOf, roleId, sameAddress, stateChange, uupsStep } from "../chain/plan";
import { CounterpartyRegistry__factory } from "../../typechain-types/factories/contracts/market/CounterpartyRegistry__factory";
import { DistributionRule__factory } from "../../typechain-types/factories/contracts/market/DistributionRule__factory";
import { RedemptionDesk__factory } from "../../typechain-types/factories/contracts/market/RedemptionDesk__factory";
import type { CounterpartyRegistry, DistributionRule, RedemptionDesk } from "../../typechain-types";
import { stablecoinOf, STABLECOIN_RECORDS } from "../stablecoin/plan";
import { MARKET_RECORD } from "./constants";
import { COUNTERPARTY_CATEGORIES, licenceArgs } from "./counterparties";
import type { CounterpartyCategory } from "./counterparties";
import {
  counterpartyRegistryInitArgs,
  sendCounterpartyRegistry,
  sendDistributionRule,
  sendRedemptionDesk,
} from "./deploy";

/** A counterparty licensed by the deployment (config `market.counterparties[]`). */
export interface InitialCounterparty {
  /** Address reference ("0x…" or "@account:N"). */
  address: string;
  name: string;
  category: CounterpartyCategory;
  licenceNumber: string;
  /** Last day of validity, "YYYY-MM-DD" (the licence expires at the end of that day, UTC). */
  licenceExpiry: string;
  /** Declared capital, whole som (decimal string). */
  declaredCapital: string;
  /** keccak256 of the audited capital statement (bytes32). */
  capitalDocHash: string;
}

/** Config `market`: what the deployment sets up for the primary market. */
export interface MarketPlan {
  /** REGULATOR_ROLE: the regulator's own key (licences, suspensions, revocations). */
  regulator: string;
  /** Settlement window of redemption requests, seconds (the desk's constructor; the Safe may change it later). */
  settlementWindow: number;
  /** Minimum declared capital per category, whole som (decimal strings); categories left out stay at 0. */
  minimumCapital: Partial<Record<CounterpartyCategory, string>>;
  /** Counterparties licensed by the deployment (e.g. the commercial banks the reserve distributes to first). */
  counterparties: InitialCounterparty[];
}

/** The unix time a licence dated `day` ("YYYY-MM-DD") expires: the end of that day, UTC. */
export function licenceExpiryOf(day: string): bigint {
  const ms = Date.parse(`${day}T23:59:59Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== day)
    throw new DeployError(`licence expiry "${day}" is not a date YYYY-MM-DD`);
  return BigInt(ms / 1000);
}

export function counterpartyRegistryOf(s: PlanState): CounterpartyRegistry {
  return CounterpartyRegistry__factory.connect(addressOf(s, MARKET_RECORD.registry), s.deployer);
}

export function redemptionDeskOf(s: PlanState): RedemptionDesk {
  return RedemptionDesk__factory.connect(addressOf(s, MARKET_RECORD.desk), s.deployer);
}

export function distributionRuleOf(s: PlanState): DistributionRule {
  return DistributionRule__factory.connect(addressOf(s, MARKET_RECORD.rule), s.deployer);
}

/** Step 2: the counterparty registry (UUPS), adopted on resume when it has the regulator role. */
export function counterpartyRegistryStep(): PlanStep {
  return uupsStep({
    name: MARKET_RECORD.registry,
    contract: "CounterpartyRegistry",
    factory: CounterpartyRegistry__factory,
    args: (s) =>
      counterpartyRegistryInitArgs({
        adminDelay: 0,
        admin: s.deployerAddress,
        regulator: s.deployerAddress,
        upgrader: s.deployerAddress,
      }),
    deploy: (s, args) => sendCounterpartyRegistry(s.hre, s.deployer, args),
    identify: async (_, registry) => (await registry.REGULATOR_ROLE()) === keccak256(toUtf8Bytes("REGULATOR_ROLE")),
  });
}

/** A contract created by CREATE with its record: adopted on resume when `identify` recognises it. */
function createdStep(
  name: string,
  contract: "RedemptionDesk" | "DistributionRule",
  abi: readonly unknown[],
  send: (s: PlanState) => Promise<RedemptionDesk | DistributionRule>,
  args: (s: PlanState) => unknown[],
  identify: (s: PlanState, address: string) => Promise<boolean>,
): PlanStep {
  return {
    name,
    run: async (s, tools) => {
      const created = await tools.create(
        name,
        async () => tools.landed(name, await send(s)),
        async (address) => {
          try {
            return await identify(s, address);
          } catch {
            return false;
          }
        },
      );
      s.address[name] = created.address;
      await tools.save({ name, contract, abi, created, args: args(s), compiledFrom: contract });
      return !created.skipped;
    },
  };
}

/** Step 4: the redemption desk (its reserve is the Safe, so it comes after the Safe's address). */
export function redemptionDeskStep(m: MarketPlan): PlanStep {
  const token = (s: PlanState) => addressOf(s, STABLECOIN_RECORDS.stablecoin);
  const registry = (s: PlanState) => addressOf(s, MARKET_RECORD.registry);
  return createdStep(
    MARKET_RECORD.desk,
    "RedemptionDesk",
    RedemptionDesk__factory.abi,
    (s) =>
      sendRedemptionDesk({
        deployer: s.deployer,
        token: token(s),
        registry: registry(s),
        reserve: s.safe,
        settlementWindow: m.settlementWindow,
      }),
    (s) => [token(s), registry(s), s.safe, String(m.settlementWindow)],
    async (s, address) => {
      const desk = RedemptionDesk__factory.connect(address, s.hre.ethers.provider);
      return (
        sameAddress(await desk.reserve(), s.safe) &&
        sameAddress(await desk.token(), token(s)) &&
        sameAddress(await desk.registry(), registry(s))
      );
    },
  );
}

/** Step 4: the distribution rule over the stablecoin, the registry and the desk. */
export function distributionRuleStep(): PlanStep {
  const args = (s: PlanState): [string, string, string] => [
    addressOf(s, STABLECOIN_RECORDS.stablecoin),
    addressOf(s, MARKET_RECORD.registry),
    addressOf(s, MARKET_RECORD.desk),
  ];
  return createdStep(
    MARKET_RECORD.rule,
    "DistributionRule",
    DistributionRule__factory.abi,
    (s) => {
      const [token, registry, desk] = args(s);
      return sendDistributionRule({ deployer: s.deployer, token, registry, desk });
    },
    args,
    async (s, address) => {
      const rule = DistributionRule__factory.connect(address, s.hre.ethers.provider);
      const [token, registry, desk] = args(s);
      return (
        sameAddress(await rule.token(), token) &&
        sameAddress(await rule.registry(), registry) &&
        sameAddress(await rule.desk(), desk)
      );
    },
  );
}

/** The minimum declared capital of each configured category (the deployer, temporary admin). */
export function minimumCapitalSteps(m: MarketPlan): PlanStep[] {
  return Object.entries(m.minimumCapital).map(([category, minimum]) => {
    const index = COUNTERPARTY_CATEGORIES.indexOf(category as CounterpartyCategory);
    return stateChange<PlanState>(
      `market.setMinimumCapital(${category}, ${minimum})`,
      async (s) => (await counterpartyRegistryOf(s).minimumCapital(index)) === BigInt(minimum ?? "0"),
      async (s, tools, step) => [
        await tools.send(step, counterpartyRegistryOf(s).setMinimumCapital(index, BigInt(minimum ?? "0"))),
      ],
    );
  });
}

/** The initial licences (the deployer, temporary regulator); a counterparty ever licensed is left as it is. */
export function initialLicenceSteps(m: MarketPlan): PlanStep[] {
  return m.counterparties.map((c) =>
    stateChange<PlanState>(
      `market.license(${c.address}, ${c.licenceNumber})`,
      async (s) => Number((await counterpartyRegistryOf(s).counterparty(s.resolve(c.address))).status) !== 0,
      async (s, tools, step) => [
        await tools.send(
          step,
          counterpartyRegistryOf(s).license(
            s.resolve(c.address),
            licenceArgs({
              name: c.name,
              category: c.category,
              licenceNumber: c.licenceNumber,
              licenceExpiry: licenceExpiryOf(c.licenceExpiry),
              declaredCapital: BigInt(c.declaredCapital),
              capitalDocHash: c.capitalDocHash,
            }),
          ),
        ),
      ],
    ),
  );
}

/** The registry's roles: the configured regulator and the Safe as upgrader; the desk burns settled escrow. */
export function marketGrantSteps(m: MarketPlan): PlanStep[] {
  const grant = (role: string, who: (s: PlanState) => string, label: string): PlanStep =>
    stateChange<PlanState>(
      `market.grantRole(${role}, ${label})`,
      async (s) => counterpartyRegistryOf(s).hasRole(roleId(role), who(s)),
      async (s, tools, step) => [await tools.send(step, counterpartyRegistryOf(s).grantRole(roleId(role), who(s)))],
    );
  return [
    grant("REGULATOR_ROLE", (s) => s.resolve(m.regulator), m.regulator),
    grant("UPGRADER_ROLE", (s) => s.safe, "@safe"),
    stateChange<PlanState>(
      `stablecoin.grantRole(BURNER_ROLE, ${MARKET_RECORD.desk})`,
      async (s) => stablecoinOf(s).hasRole(roleId("BURNER_ROLE"), addressOf(s, MARKET_RECORD.desk)),
      async (s, tools, step) => [
        await tools.send(step, stablecoinOf(s).grantRole(roleId("BURNER_ROLE"), addressOf(s, MARKET_RECORD.desk))),
      ],
    ),
  ];
}

/** The deployer gives up the registry roles it held while deploying (the admin role is handed over). */
export function marketRenounceSteps(): PlanStep[] {
  return ["REGULATOR_ROLE", "UPGRADER_ROLE"].map((role) =>
    stateChange<PlanState>(
      `market.renounceRole(${role}, deployer)`,
      async (s) => !(await counterpartyRegistryOf(s).hasRole(roleId(role), s.deployerAddress)),
      async (s, tools, step) => [
        await tools.send(step, counterpartyRegistryOf(s).renounceRole(roleId(role), s.deployerAddress)),
      ],
    ),
  );
}
