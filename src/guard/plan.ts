/**
 * The guard's step of the deployment plan (src/deploy/plan.ts composes it, when the configuration asks for a
 * guard, docs/guard.md): the reserve Safe's ReserveGuard and its setup helper, created by the deployer before
 * the Safe, whose `setup` installs them.
 */
import type { PlanStep } from "../chain/plan";
import type { SafePlanState } from "../safe/plan";
import { infraOf } from "../safe/plan";
import { GUARD_RECORDS, deployGuardContracts } from "./deploy";
import type { GuardConfig } from "./deploy";

/** What the guard's step reads (the Safe contracts) and fills (the guard and its setup helper). */
export interface GuardPlanState extends SafePlanState {
  /** The ReserveGuard and its setup helper, when the config asks for a guard (docs/guard.md). */
  guard?: { guard: string; setup: string };
}

/** Step 2b: the reserve Safe's ReserveGuard and its setup helper (config reserveSafe.guard), before the Safe. */
export function guardStep(cfg: GuardConfig): PlanStep<GuardPlanState> {
  return {
    name: GUARD_RECORDS.guard,
    run: async (s, tools) => {
      const infra = infraOf(s);
      const out = await deployGuardContracts(s.deployer, infra.multiSendCallOnly, cfg, {
        step: (name, create, identify) => tools.create(name, create, identify),
        save: (name, contract, abi, created, args) => tools.save({ name, contract, abi, created, args, compiledFrom: contract }),
      });
      s.guard = { guard: out.guard, setup: out.setup };
      s.address[GUARD_RECORDS.guard] = out.guard;
      return out.changed;
    },
  };
}
