/**
 * The deployment plan: the domains' steps (src/<domain>/plan.ts) and the hand-over's (./handover.ts), composed
 * in order. Steps are built from the configuration alone, so the plan (and its "[k/n]" progress) is known
 * before anything runs.
 *
 *  1. Safe v1.4.1 contracts (src/safe/plan.ts).
 *  2. AttestationRegistry, SomStablecoin, SomSupplyController, IdentityRegistry (UUPS), AssetToken beacon,
 *     AssetFactory (UUPS), the Chainlink-compatible reserve adapter; 2b. the reserve Safe's guard, when
 *     configured. The deployer is their temporary default admin with a zero admin delay.
 *  3. The reserve Safe's address: predicted (CREATE2) from its owners, threshold, salt and `setup`
 *     hand-over batch, or the configured existing Safe.
 *  4. Wiring by the deployer: SOM_RESERVES subject, the supply controller, minters, roles, reserves,
 *     renounces, `beginDefaultAdminTransfer(safe)` on every contract; the beacon's ownership to the Safe.
 *     With a `market` section (docs/market.md): the CounterpartyRegistry in 2, the RedemptionDesk and the
 *     DistributionRule, minimum capital, initial licences and the market's roles in 4 (src/market/plan.ts).
 *  5. The reserve Safe is created (its `setup` accepts every admin role), once the chain is past the admin
 *     transfers' schedule, or an existing Safe gets a hand-over proposal file.
 *  6. With a market: the DistributionRule becomes the Safe's call rule in its ReserveGuard, the Safe's own announced,
 *     delayed call (./marketRule.ts): done on a local chain, a proposal for the custodians elsewhere.
 *
 * To add a step, insert a {@link PlanStep} at its place below (its name is its journal key and must be
 * unique), and a record name in RECORD (./state.ts) for a new contract.
 */
import type { PlanStep } from "../chain/plan";
import type { SingletonName } from "../safe/artifacts";
import { reserveSafeAddressStep, reserveSafeCreationStep, safeContractSteps } from "../safe/plan";
import { adapterStep, configureReservesSubjectStep, registryStep } from "../attestation/plan";
import {
  minterSteps,
  setReserveStep,
  setSupplyControllerStep,
  stablecoinStep,
  supplyControllerStep,
} from "../stablecoin/plan";
import {
  assetBeaconHandOverStep,
  assetBeaconStep,
  assetFactoryStep,
  identitySetReserveStep,
  identityStep,
} from "../assets/plan";
import { guardStep } from "../guard/plan";
import {
  counterpartyRegistryStep,
  distributionRuleStep,
  initialLicenceSteps,
  marketGrantSteps,
  marketRenounceSteps,
  minimumCapitalSteps,
  redemptionDeskStep,
} from "../market/plan";
import { requireDelayedSet } from "../guard";
import { labelOwners } from "../custody/trusted";
import type { DeployConfig } from "./config";
import { isNewSafe } from "./config";
import {
  adminTransfersDueStep,
  beginAdminTransferSteps,
  existingSafeStep,
  grantSteps,
  handoverSetupCall,
  renounceSteps,
} from "./handover";
import { ruleInstallStep } from "./marketRule";
import { RECORD } from "./state";
import type { SystemState } from "./state";

/** The deployment plan: a list of named steps, in order (see the file comment). */
export function systemPlan(
  config: DeployConfig,
  chain: { chainId: number; singletonName: SingletonName },
): PlanStep<SystemState>[] {
  const rs = config.reserveSafe;
  const m = config.market;
  return [
    // 1. Safe contracts
    ...safeContractSteps(chain),
    // 2. contracts (the deployer is their temporary admin, with a zero admin delay)
    registryStep(config.attestation),
    stablecoinStep(config.stablecoin, RECORD.registry),
    supplyControllerStep(),
    identityStep(),
    assetBeaconStep(),
    assetFactoryStep(RECORD.registry),
    adapterStep(),
    ...(m ? [counterpartyRegistryStep()] : []),
    // 2b. the reserve Safe's guard (only when configured)
    ...(config.reserveGuard ? [guardStep(config.reserveGuard)] : []),
    // 3. the reserve Safe's address
    reserveSafeAddressStep<SystemState>(rs, handoverSetupCall),
    // 4. wiring
    configureReservesSubjectStep(config.attestation.somReserves, RECORD.stablecoin),
    setSupplyControllerStep(),
    ...minterSteps(config.minters, config.stablecoin),
    ...grantSteps(config, "stablecoin"),
    ...grantSteps(config, "supplyController"),
    ...grantSteps(config, "attestation"),
    ...grantSteps(config, "identity"),
    ...grantSteps(config, "assetFactory"),
    ...(m
      ? [
          redemptionDeskStep(m),
          distributionRuleStep(),
          ...minimumCapitalSteps(m),
          ...initialLicenceSteps(m),
          ...marketGrantSteps(m),
          ...marketRenounceSteps(),
        ]
      : []),
    setReserveStep(),
    identitySetReserveStep(),
    ...renounceSteps(),
    ...beginAdminTransferSteps(config),
    assetBeaconHandOverStep(),
    // 5. the reserve Safe (its setup accepts every admin role), or the hand-over proposal for an existing one
    ...(isNewSafe(rs) ? [adminTransfersDueStep] : []),
    isNewSafe(rs)
      ? reserveSafeCreationStep<SystemState>({
          name: RECORD.reserveSafe,
          guard: (s) => s.guard?.guard,
          checkGuard: requireDelayedSet,
          labelOwners: (owners) => labelOwners(owners, rs.owners),
        })
      : existingSafeStep,
    // 6. the market's DistributionRule as the Safe's call rule (announced and delayed)
    ...(m ? [ruleInstallStep] : []),
  ];
}
