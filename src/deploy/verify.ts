/**
 * The final verification of a deployment: the roles matrix is read back from the chain (src/deploy/roles.ts);
 * the run fails if the deployer still holds anything, or if the chain differs from the configuration.
 */
import type { Provider } from "ethers";
import type { ContractRecord } from "../chain/records";
import type { Log } from "../chain/plan";
import { DeployError, addressOf, sameAddress } from "../chain/plan";
import { registryOf } from "../attestation/plan";
import { minterAsConfigured, minterSettings, stablecoinOf, supplyControllerOf } from "../stablecoin/plan";
import { assetFactoryOf, identityRegistryOf } from "../assets/plan";
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
 * otherwise have granted itself a role and renounced its own), owners, and key settings.
 */
async function checkAgainstConfig(s: SystemState, matrix: readonly ContractRoles[]): Promise<string[]> {
  const c = s.config;
  const expected: Record<string, RoleAssignments> = {
    [RECORD.stablecoin]: { ...c.roles.stablecoin, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.supplyController]: { ...c.roles.supplyController, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.registry]: { ...c.roles.attestation, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.identity]: { ...c.roles.identity, DEFAULT_ADMIN_ROLE: ["@safe"] },
    [RECORD.assetFactory]: { ...c.roles.assetFactory, DEFAULT_ADMIN_ROLE: ["@safe"] },
  };
  const problems: string[] = [];
  for (const [recordName, roles] of Object.entries(expected))
    problems.push(...roleProblems(s, recordName, roles, matrix));
  const beaconOwner = matrix.find((m) => m.name === RECORD.assetBeacon)?.owner ?? "(none)";
  if (!sameAddress(beaconOwner, s.safe))
    problems.push(`${RECORD.assetBeacon}.owner is ${beaconOwner}, expected ${s.safe}`);
  for (const [label, have, want] of await settingsRead(s))
    if (!sameAddress(have, want)) problems.push(`${label} is ${have}, expected ${want}`);
  return problems;
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

/** Key settings as [label, on chain, configured]. */
async function settingsRead(s: SystemState): Promise<[string, string, string][]> {
  const c = s.config;
  const reg = registryOf(s);
  return [
    ["SomStablecoin.reserve", await stablecoinOf(s).reserve(), s.safe],
    ["SomStablecoin.reserveFeed", await stablecoinOf(s).reserveFeed(), addressOf(s, RECORD.registry)],
    ["SomStablecoin.supplyController", await stablecoinOf(s).supplyController(), addressOf(s, RECORD.supplyController)],
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
