/**
 * The hand-over: every power the deployer held during the deployment goes to the reserve Safe. The
 * configured roles are granted, the deployer renounces its temporary roles and begins the default-admin
 * transfer of every contract to the Safe; a new Safe accepts the admin roles (and restores the admin
 * delay) in its creation transaction through the `setup` batch built here, an existing Safe gets a
 * hand-over proposal file to sign with the custodian tooling.
 */
import fs from "node:fs";
import path from "node:path";
import { ZeroAddress } from "ethers";
import type {
  AssetFactory,
  AttestationRegistry,
  CounterpartyRegistry,
  IdentityRegistry,
  SomStablecoin,
  SomSupplyController,
} from "../../typechain-types";
import type { PlanStep, StepTools } from "../chain/plan";
import { DeployError, addressOf, roleId, sameAddress, stateChange } from "../chain/plan";
import { deploymentsDir } from "../chain/records";
import { registryOf } from "../attestation/plan";
import { stablecoinOf, supplyControllerOf } from "../stablecoin/plan";
import { assetFactoryOf, identityRegistryOf } from "../assets/plan";
import { counterpartyRegistryOf } from "../market/plan";
import { MARKET_RECORD } from "../market/constants";
import { SAFE_SENTINEL, fallbackHandlerOf, modulesOf } from "../safe/deploy";
import type { SafeInfrastructure, SetupCall } from "../safe/deploy";
import { infraOf, safeRecord } from "../safe/plan";
import { encodeMultiSendCall } from "../safe/multisend";
import type { InnerCall } from "../safe/multisend";
import {
  checkGuardInstallable,
  delaySelectorsCall,
  disableModuleCall,
  guardOf,
  guardedSetupCall,
  setFallbackHandlerCall,
  setGuardCall,
} from "../guard";
import { waitForChainTime } from "../guard/wait";
import { labelOwners, readSafeOwners } from "../custody/trusted";
import { proposeCalls } from "../custody/assemble";
import type { CallRequest } from "../chain/calls";
import { proposalToJson } from "../custody/proposal";
import type { DeployConfig, RoleAssignments } from "./config";
import { LOCAL_NETWORKS } from "./configSchema";
import { RECORD } from "./state";
import type { SystemState } from "./state";

/** Contracts whose default admin is handed to the Safe (two-step AccessControlDefaultAdminRules). */
type AdminRules = Pick<
  SomStablecoin,
  "hasRole" | "grantRole" | "renounceRole" | "beginDefaultAdminTransfer" | "pendingDefaultAdmin" | "defaultAdmin"
>;

/** A config `roles` section whose roles the deployment grants (asset-token roles are given at createAsset). */
export type RolesSection = Exclude<keyof DeployConfig["roles"], "assets">;

/** The contracts the Safe accepts the default admin role of, in its creation (or hand-over proposal). */
const SYSTEM_ADMIN_HANDED_OVER = [
  RECORD.registry,
  RECORD.stablecoin,
  RECORD.identity,
  RECORD.assetFactory,
  RECORD.supplyController,
] as const;

type HandedOver = (typeof SYSTEM_ADMIN_HANDED_OVER)[number] | typeof MARKET_RECORD.registry;

/** The contracts whose default admin goes to the Safe: the system's, and the counterparty registry's with a market. */
export function adminHandedOver(config: Pick<DeployConfig, "market">): readonly HandedOver[] {
  return config.market ? [...SYSTEM_ADMIN_HANDED_OVER, MARKET_RECORD.registry] : SYSTEM_ADMIN_HANDED_OVER;
}

/** The record of the contract whose roles a config section assigns. */
const SECTION_RECORD: Record<RolesSection, HandedOver> = {
  stablecoin: RECORD.stablecoin,
  supplyController: RECORD.supplyController,
  attestation: RECORD.registry,
  identity: RECORD.identity,
  assetFactory: RECORD.assetFactory,
};

/** A contract whose default admin is handed over, signed by the deployer. */
export function adminContractOf(
  s: SystemState,
  name: HandedOver,
): AttestationRegistry | SomStablecoin | IdentityRegistry | AssetFactory | SomSupplyController | CounterpartyRegistry {
  switch (name) {
    case MARKET_RECORD.registry:
      return counterpartyRegistryOf(s);
    case RECORD.supplyController:
      return supplyControllerOf(s);
    case RECORD.registry:
      return registryOf(s);
    case RECORD.stablecoin:
      return stablecoinOf(s);
    case RECORD.identity:
      return identityRegistryOf(s);
    case RECORD.assetFactory:
      return assetFactoryOf(s);
  }
}

/** The contract whose roles the config's `section` assigns. */
function rolesTarget(s: SystemState, section: RolesSection): AdminRules {
  return adminContractOf(s, SECTION_RECORD[section]) as AdminRules;
}

/** Grants of the config's `roles` section: one step per holder. */
export function grantSteps(config: DeployConfig, section: RolesSection): PlanStep<SystemState>[] {
  return Object.entries(config.roles[section] as RoleAssignments).flatMap(([role, holders]) =>
    holders.map((ref) =>
      stateChange<SystemState>(
        `${section}.grantRole(${role}, ${ref})`,
        async (s) => rolesTarget(s, section).hasRole(roleId(role), s.resolve(ref)),
        async (s, tools, step) => [
          await tools.send(step, rolesTarget(s, section).grantRole(roleId(role), s.resolve(ref))),
        ],
      ),
    ),
  );
}

/** Roles the deployer holds during deployment (as initializer arguments) and gives up before the hand-over. */
const TEMPORARY_ROLES: [RolesSection, string[]][] = [
  ["supplyController", ["MINTER_ADMIN_ROLE"]],
  ["identity", ["KYC_OFFICER_ROLE", "UPGRADER_ROLE"]],
  ["assetFactory", ["ASSET_CREATOR_ROLE", "UPGRADER_ROLE"]],
  ["attestation", ["UPGRADER_ROLE"]],
];

/** The deployer gives up every role it holds besides the default admin (handed over below). */
export function renounceSteps(): PlanStep<SystemState>[] {
  return TEMPORARY_ROLES.flatMap(([section, roles]) =>
    roles.map((role) =>
      stateChange<SystemState>(
        `${section}.renounceRole(${role}, deployer)`,
        async (s) => !(await rolesTarget(s, section).hasRole(roleId(role), s.deployerAddress)),
        async (s, tools, step) => [
          await tools.send(step, rolesTarget(s, section).renounceRole(roleId(role), s.deployerAddress)),
        ],
      ),
    ),
  );
}

/** Every contract begins the two-step transfer of its default admin to the Safe. */
export function beginAdminTransferSteps(config: Pick<DeployConfig, "market">): PlanStep<SystemState>[] {
  const sections = ["attestation", "stablecoin", "supplyController", "identity", "assetFactory"] as const;
  const steps: [string, HandedOver][] = sections.map((section) => [section, SECTION_RECORD[section]]);
  if (config.market) steps.push(["market", MARKET_RECORD.registry]);
  return steps.map(([label, name]) =>
    stateChange<SystemState>(
      `${label}.beginDefaultAdminTransfer(@safe)`,
      async (s) => {
        const c = adminContractOf(s, name);
        const [pending] = await c.pendingDefaultAdmin();
        return sameAddress(pending, s.safe) || sameAddress(await c.defaultAdmin(), s.safe);
      },
      async (s, tools, step) => [await tools.send(step, adminContractOf(s, name).beginDefaultAdminTransfer(s.safe))],
    ),
  );
}

/**
 * Before the new Safe's creation accepts the admin transfers: OpenZeppelin's `acceptDefaultAdminTransfer` needs a
 * block strictly later than each transfer's schedule (its `beginDefaultAdminTransfer` block's time plus the delay, 0
 * here), and some nodes give consecutive blocks the same second (anvil; BNB Smart Chain's sub-second blocks), where
 * the creation would revert with `AccessControlEnforcedDefaultAdminDelay` and its gas be lost. This step sends
 * nothing: it waits until the chain's latest block is past every pending schedule (a local node that mines on demand
 * gets an empty block once its clock is there, as a public chain would have produced one).
 */
export const adminTransfersDueStep: PlanStep<SystemState> = {
  name: "admin transfers due",
  run: async (s, tools) => {
    let due = 0n;
    for (const name of adminHandedOver(s.config)) {
      const [pending, schedule] = await adminContractOf(s, name).pendingDefaultAdmin();
      if (sameAddress(pending, s.safe) && schedule > due) due = schedule;
    }
    if (due === 0n) return false;
    await waitForChainTime(s.hre.ethers.provider, due + 1n, {
      advanceLocalClock: false,
      mineWhenDue: (LOCAL_NETWORKS as readonly string[]).includes(s.network),
      pollMs: 1000,
      log: (line) =>
        tools.log(`the Safe's creation accepts the admin transfers once their schedule has passed: ${line}`),
    });
    return false;
  },
};

/**
 * The new Safe's `setup` delegatecall: through MultiSendCallOnly (or ReserveGuardSetup, installing the guard
 * first), it accepts the default admin role of every contract and restores the admin delay.
 */
export function handoverSetupCall(s: SystemState, infra: SafeInfrastructure): SetupCall {
  const calls: InnerCall[] = adminHandedOver(s.config).flatMap((name) => {
    const c = adminContractOf(s, name);
    const out: InnerCall[] = [
      {
        to: addressOf(s, name),
        value: 0n,
        operation: 0,
        data: c.interface.encodeFunctionData("acceptDefaultAdminTransfer"),
      },
    ];
    if (s.config.adminTransferDelay > 0) {
      out.push({
        to: addressOf(s, name),
        value: 0n,
        operation: 0,
        data: c.interface.encodeFunctionData("changeDefaultAdminDelay", [s.config.adminTransferDelay]),
      });
    }
    return out;
  });
  // The guard's delayed set (src/guard/classification.ts) is installed in the creation batch: from its first
  // transaction, the Safe's upgrades, role grants and reserve settings wait out the announced delay.
  if (s.guard) calls.unshift(delaySelectorsCall(s.guard.guard));
  return s.guard
    ? guardedSetupCall(s.guard.setup, s.guard.guard, encodeMultiSendCall(calls))
    : { to: infra.multiSendCallOnly, data: encodeMultiSendCall(calls) };
}

/** Step 5 for an existing Safe: its record (owners read from chain) and the hand-over proposal its custodians sign. */
export const existingSafeStep: PlanStep<SystemState> = {
  name: RECORD.reserveSafe,
  run: async (s, tools) => {
    const infra = infraOf(s);
    const onChain = await readSafeOwners(s.hre.ethers.provider, s.safe);
    await tools.save(
      safeRecord(
        RECORD.reserveSafe,
        "Safe",
        { address: s.safe, transactionHash: "existing Safe", blockNumber: 0 },
        { safe: { owners: labelOwners(onChain.owners), threshold: onChain.threshold } },
      ),
    );
    s.handoverProposal = await writeHandoverProposal(s, infra, tools);
    return false;
  },
};

async function writeHandoverProposal(
  s: SystemState,
  infra: SafeInfrastructure,
  ctx: Pick<StepTools, "log">,
): Promise<string> {
  const out = path.join(deploymentsDir(s.root, s.network), ".som", "handover-proposal.json");
  if (!fs.existsSync(out)) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const provider = s.hre.ethers.provider;
    const calls: (CallRequest | InnerCall)[] = adminHandedOver(s.config).map((name) => ({
      action: "acceptDefaultAdminTransfer",
      contract: name,
      args: [],
    }));
    // First install of the guard on an existing Safe: no guard yet, so no announcement is needed.
    const installed = await guardOf(provider, s.safe);
    // A Safe made elsewhere (e.g. Safe{Wallet}) usually has Safe's CompatibilityFallbackHandler, which
    // accepts off-chain ERC-1271 signatures no guard sees: the hand-over removes it while no guard
    // would need it announced; under a guard it is an announced self-call the custodians must make.
    // Modules bypass a v1.4.1 guard altogether: disabled the same way (each is first in the list once the
    // ones before it are gone, so the sentinel is always its predecessor).
    const handler = await fallbackHandlerOf(provider, s.safe);
    const modules = await modulesOf(provider, s.safe);
    if (installed === ZeroAddress) {
      for (const m of modules) calls.push(disableModuleCall(s.safe, SAFE_SENTINEL, m));
      if (handler !== ZeroAddress) calls.push(setFallbackHandlerCall(s.safe, ZeroAddress));
    } else {
      for (const m of modules)
        ctx.log(
          `warning: the existing Safe ${s.safe} has module ${m} enabled (a module bypasses its guard): ` +
            `announce and execute disableModule (docs/guard.md)`,
        );
      if (handler !== ZeroAddress) {
        ctx.log(
          `warning: the existing Safe ${s.safe} has fallback handler ${handler} ` +
            `(off-chain ERC-1271 signatures bypass its guard): ` +
            `announce and execute setFallbackHandler(0x0000000000000000000000000000000000000000) (docs/guard.md)`,
        );
      }
    }
    if (s.guard && installed === ZeroAddress) {
      await checkGuardInstallable(provider, s.guard.guard, s.safe, infra.multiSendCallOnly);
      calls.push(setGuardCall(s.safe, s.guard.guard));
      calls.push(delaySelectorsCall(s.guard.guard));
    } else if (s.guard && installed !== ZeroAddress && !sameAddress(installed, s.guard.guard)) {
      throw new DeployError(
        `the existing Safe ${s.safe} already has guard ${installed}: ` +
          `replacing it needs an announced, delayed setGuard (docs/guard.md)`,
      );
    }
    const proposal = await proposeCalls({
      provider,
      records: Object.values(s.records),
      safe: s.safe,
      calls,
      multiSendCallOnly: infra.multiSendCallOnly,
      description: "accept the default admin role of every contract of the new deployment",
    });
    fs.writeFileSync(out, proposalToJson(proposal));
  }
  return out;
}
