/**
 * The final verification of a deployment: the roles matrix is read back from the chain (src/deploy/roles.ts);
 * the run fails if the deployer still holds anything, or if the chain differs from the configuration.
 */
import type { Provider } from "ethers";
import type { ContractRecord } from "../chain/records";
import type { Log } from "../chain/plan";
import { DeployError, addressOf, sameAddress } from "../chain/plan";
import { SOM_RESERVES } from "../chain/constants";
import { registryOf } from "../attestation/plan";
import { minterAsConfigured, minterSettings, stablecoinOf, supplyControllerOf } from "../stablecoin/plan";
import { assetFactoryOf, identityRegistryOf } from "../assets/plan";
import { COUNTERPARTY_CATEGORIES } from "../market/counterparties";
import { MARKET_RECORD } from "../market/constants";
import { counterpartyRegistryOf, distributionRuleOf, redemptionDeskOf } from "../market/plan";
import { distributionRuleStatus } from "./marketRule";
import type { RoleAssignments } from "./config";
import { LOCAL_NETWORKS } from "./config";
import type { ContractRoles } from "./roles";
import { keysHoldingKycAndEnforcement, powersHeldBy, readContractRoles } from "./roles";
import { RECORD } from "./state";
import type { SystemState } from "./state";

/** The roles and ownership of every recorded contract, read from the chain. */
export async function readMatrix(
  provider: Provider,
  records: Record<string, ContractRecord>,
): Promise<ContractRoles[]> {
  const matrix: ContractRoles[] = [];
  for (const r of Object.values(records)) {
    const roles = await readContractRoles(provider, r);
    if (roles) matrix.push(roles);
  }
  return matrix;
}

export interface VerifyOptions {
  /** True when this run sent anything. */
  changed: boolean;
  /** What a difference does on a run that sent nothing (see DeployOptions.driftAfterHandover). */
  driftAfterHandover?: "fail" | "report";
  log: Log;
}

/** Step 6: throws {@link DeployError} unless every power sits with the Safe as configured. */
export async function verifyHandedOver(
  s: SystemState,
  matrix: readonly ContractRoles[],
  o: VerifyOptions,
): Promise<void> {
  const held = powersHeldBy(s.deployerAddress, matrix);
  if (held.length > 0) {
    const hint = s.handoverProposal
      ? ` The existing Safe must accept the admin role: ` +
        `custodians sign and execute the proposal ${s.handoverProposal} (docs/custodian.md), then rerun.`
      : "";
    throw new DeployError(`the deployer ${s.deployerAddress} still holds: ${held.join("; ")}.${hint}`);
  }
  const problems = await checkAgainstConfig(s, matrix);
  const rule = await distributionRuleStatus(s, s.config);
  if (rule?.state === "pending" && !s.ruleProposal) problems.push(rule.line);
  else if (rule) o.log(`final check: ${rule.line}`);
  if (problems.length > 0 && !o.changed && o.driftAfterHandover === "report") {
    for (const p of problems) o.log(`note: changed since the hand-over (by the reserve Safe): ${p}`);
  } else if (problems.length > 0) {
    throw new DeployError(`the deployment on chain differs from ${s.config.file}: ${problems.join("; ")}`);
  }
  // Separation of powers on the reserve's holdings: KYC officer and asset enforcer are different keys on a public
  // network.
  const doubled = keysHoldingKycAndEnforcement(matrix, s.safe);
  if (doubled.length > 0 && !(LOCAL_NETWORKS as readonly string[]).includes(s.network)) {
    throw new DeployError(
      `${doubled.join(", ")} holds both KYC_OFFICER_ROLE and an asset's ENFORCER_ROLE: ` +
        `give them to different keys (docs/roles-assets.md)`,
    );
  }
}

/**
 * Compares what the chain says with the configuration: every role holder of every contract (an
 * extra holder is as wrong as a missing one: a key that was compromised during deployment could
 * otherwise have granted itself a role and renounced its own), owners, key settings, every minter
 * of the supply controller (an active minter the configuration does not list is a difference too),
 * and the SOM_RESERVES subject (max age, change bound, listener).
 */
async function checkAgainstConfig(s: SystemState, matrix: readonly ContractRoles[]): Promise<string[]> {
  const c = s.config;
  const burners = c.roles.stablecoin.BURNER_ROLE ?? [];
  const expected: Record<string, RoleAssignments> = {
    [RECORD.stablecoin]: {
      ...c.roles.stablecoin,
      DEFAULT_ADMIN_ROLE: ["@safe"],
      // the redemption desk burns settled escrow
      ...(c.market ? { BURNER_ROLE: [...burners, addressOf(s, MARKET_RECORD.desk)] } : {}),
    },
    [RECORD.supplyController]: { ...c.roles.supplyController, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.registry]: { ...c.roles.attestation, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.identity]: { ...c.roles.identity, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.assetFactory]: { ...c.roles.assetFactory, DEFAULT_ADMIN_ROLE: ["@safe"] },
    ...(c.market
      ? {
          [MARKET_RECORD.registry]: {
            DEFAULT_ADMIN_ROLE: ["@safe"],
            REGULATOR_ROLE: [c.market.regulator],
            UPGRADER_ROLE: ["@safe"],
          },
        }
      : {}),
  };
  const problems: string[] = [];
  for (const [recordName, roles] of Object.entries(expected))
    problems.push(...roleProblems(s, recordName, roles, matrix));
  const beaconOwner = matrix.find((m) => m.name === RECORD.assetBeacon)?.owner ?? "(none)";
  if (!sameAddress(beaconOwner, s.safe))
    problems.push(`${RECORD.assetBeacon}.owner is ${beaconOwner}, expected ${s.safe}`);
  for (const [label, have, want] of [...(await settingsRead(s)), ...(await marketSettingsRead(s))])
    if (!sameAddress(have, want)) problems.push(`${label} is ${have}, expected ${want}`);
  for (const minter of await unconfiguredMinters(s))
    problems.push(`SomSupplyController.minter(${minter}) is active, the configuration lists no such minter`);
  return problems;
}

/**
 * The active minters of the supply controller that the configuration does not list. The controller
 * does not enumerate its minters: every address it ever configured is taken from its
 * `MinterConfigured` events since its record's block, and kept when `isMinter` still says so.
 */
async function unconfiguredMinters(s: SystemState): Promise<string[]> {
  const controller = supplyControllerOf(s);
  const record = s.records[RECORD.supplyController];
  const fromBlock = Math.max((record?.blockNumber ?? 0) - 1, 0);
  const events = await controller.queryFilter(controller.filters.MinterConfigured(), fromBlock, "latest");
  const configured = new Set(s.config.minters.map((m) => minterSettings(s, m).address.toLowerCase()));
  const candidates = [...new Set(events.map((e) => e.args.minter.toLowerCase()))].filter((a) => !configured.has(a));
  const active = await Promise.all(candidates.map((a) => controller.isMinter(a)));
  return candidates.filter((_a, i) => active[i]).sort();
}

/** Differences between the holders of every role of `recordName` on chain and in the configuration. */
function roleProblems(
  s: SystemState,
  recordName: string,
  roles: RoleAssignments,
  matrix: readonly ContractRoles[],
): string[] {
  const onChain = matrix.find((m) => m.name === recordName);
  if (!onChain) return [`${recordName}: no roles read back`];
  const problems: string[] = [];
  const names = new Set([...Object.keys(roles), ...onChain.roles.map((r) => r.role)]);
  for (const role of names) {
    const want = (roles[role] ?? []).map((ref) => s.resolve(ref).toLowerCase()).sort();
    const have = (onChain.roles.find((r) => r.role === role)?.holders ?? []).map((h) => h.toLowerCase()).sort();
    if (JSON.stringify(want) !== JSON.stringify(have)) {
      problems.push(
        `${recordName}.${role}: holders ${have.join(", ") || "(none)"}, ` +
          `configuration says ${want.join(", ") || "(none)"}`,
      );
    }
  }
  return problems;
}

/** The market's settings as [label, on chain, configured] (none without a market). */
async function marketSettingsRead(s: SystemState): Promise<[string, string, string][]> {
  const m = s.config.market;
  if (!m) return [];
  const desk = redemptionDeskOf(s);
  const rule = distributionRuleOf(s);
  const registry = counterpartyRegistryOf(s);
  const token = addressOf(s, RECORD.stablecoin);
  const registryAddress = addressOf(s, MARKET_RECORD.registry);
  return [
    ["RedemptionDesk.reserve", await desk.reserve(), s.safe],
    ["RedemptionDesk.token", await desk.token(), token],
    ["RedemptionDesk.registry", await desk.registry(), registryAddress],
    ["RedemptionDesk.settlementWindow", String(await desk.settlementWindow()), String(m.settlementWindow)],
    ["DistributionRule.token", await rule.token(), token],
    ["DistributionRule.registry", await rule.registry(), registryAddress],
    ["DistributionRule.desk", await rule.desk(), addressOf(s, MARKET_RECORD.desk)],
    ...(await Promise.all(
      COUNTERPARTY_CATEGORIES.map(async (category, i): Promise<[string, string, string]> => [
        `CounterpartyRegistry.minimumCapital(${category})`,
        String(await registry.minimumCapital(i)),
        m.minimumCapital[category] ?? "0",
      ]),
    )),
  ];
}

/** Key settings as [label, on chain, configured]. */
async function settingsRead(s: SystemState): Promise<[string, string, string][]> {
  const c = s.config;
  const reg = registryOf(s);
  const subject = await reg.subjectConfig(SOM_RESERVES);
  const [, , maxReserveAge] = await stablecoinOf(s).reserveSnapshot();
  return [
    ["SomStablecoin.reserve", await stablecoinOf(s).reserve(), s.safe],
    ["SomStablecoin.reserveFeed", await stablecoinOf(s).reserveFeed(), addressOf(s, RECORD.registry)],
    ["SomStablecoin.supplyController", await stablecoinOf(s).supplyController(), addressOf(s, RECORD.supplyController)],
    ["SomStablecoin.maxReserveAge", String(maxReserveAge), String(c.stablecoin.maxReserveAge)],
    ...(await Promise.all(
      c.minters.map(async (m): Promise<[string, string, string]> => [
        `SomSupplyController.minter(${m.address}) as configured ` +
          `(allowance at most the configured one: mints use it up)`,
        String(await minterAsConfigured(supplyControllerOf(s), minterSettings(s, m))),
        "true",
      ]),
    )),
    ["IdentityRegistry.reserve", await identityRegistryOf(s).reserve(), s.safe],
    ["AssetFactory.beacon", await assetFactoryOf(s).beacon(), addressOf(s, RECORD.assetBeacon)],
    ["AttestationRegistry.threshold", String(await reg.threshold()), String(c.attestation.threshold)],
    [
      "AttestationRegistry.subject(SOM_RESERVES).maxAge",
      String(subject.maxAge),
      String(c.attestation.somReserves.maxAge),
    ],
    [
      "AttestationRegistry.subject(SOM_RESERVES).maxChangeBps",
      String(subject.maxChangeBps),
      String(c.attestation.somReserves.maxChangeBps),
    ],
    ["AttestationRegistry.subject(SOM_RESERVES).listener", subject.listener, addressOf(s, RECORD.stablecoin)],
    [
      "AttestationRegistry.attestors",
      (await reg.attestors())
        .map((x) => x.toLowerCase())
        .sort()
        .join(","),
      c.attestation.attestors
        .map((x) => s.resolve(x).toLowerCase())
        .sort()
        .join(","),
    ],
  ];
}
