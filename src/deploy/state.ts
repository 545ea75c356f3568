/**
 * What the deployment plan's steps share (src/deploy/plan.ts): the record names of the contracts it creates,
 * and the state the engine and the domains' steps fill as they run.
 */
import type { ContractRecord } from "../chain/records";
import type { GuardPlanState } from "../guard/plan";
import { ATTESTATION_RECORDS } from "../attestation/plan";
import { STABLECOIN_RECORDS } from "../stablecoin/plan";
import { ASSET_RECORDS } from "../assets/plan";
import type { DeployConfig } from "./config";

/** Record names used in deployments/<network>/. */
export const RECORD = {
  safeSingleton: "Safe",
  safeProxyFactory: "SafeProxyFactory",
  safeMultiSend: "MultiSendCallOnly",
  reserveSafe: "ReserveSafe",
  registry: ATTESTATION_RECORDS.registry,
  stablecoin: STABLECOIN_RECORDS.stablecoin,
  supplyController: STABLECOIN_RECORDS.supplyController,
  identity: ASSET_RECORDS.identity,
  assetBeacon: ASSET_RECORDS.assetBeacon,
  assetFactory: ASSET_RECORDS.assetFactory,
  adapter: ATTESTATION_RECORDS.adapter,
} as const;

/**
 * Everything the plan's steps share: the configuration, the chain, and what earlier steps produced (the
 * kernel's PlanState, the Safe's and the guard's slices, and the engine's own).
 */
export interface SystemState extends GuardPlanState {
  config: DeployConfig;
  commit: string;
  records: Record<string, ContractRecord>;
  /** Hand-over proposal file for an existing Safe, when one was written. */
  handoverProposal?: string;
  /** The proposal that installs the DistributionRule, when the custodians must sign it (./marketRule.ts). */
  ruleProposal?: string;
}
