/**
 * The guard's step of the deployment plan (src/deploy/plan.ts composes it, when the configuration asks for a
 * guard, docs/guard.md): the reserve Safe's ReserveGuard and its setup helper, created by the deployer before
 * the Safe, whose `setup` installs them.
 */
import { getAddress } from "ethers";
import type { Signer } from "ethers";
import { ReserveGuardSetup__factory } from "../../typechain-types/factories/contracts/guard/ReserveGuardSetup__factory";
import { ReserveGuard__factory } from "../../typechain-types/factories/contracts/guard/ReserveGuard__factory";
import type { PlanStep, StepTools } from "../chain/plan";
import { withTimeout } from "../chain/timeout";
import type { SafePlanState } from "../safe/plan";
import { infraOf } from "../safe/plan";
import { DEFAULT_EXPIRY_WINDOW_SECONDS, GuardError } from "./calls";
import { GUARD_RECORDS, deployReserveGuard, deployReserveGuardSetup } from "./deploy";
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
      const out = await deployGuardContracts(s.deployer, infra.multiSendCallOnly, cfg, tools);
      s.guard = { guard: out.guard, setup: out.setup };
      s.address[GUARD_RECORDS.guard] = out.guard;
      return out.changed;
    },
  };
}

export interface DeployedGuard {
  guard: string;
  setup: string;
  /** True when this run deployed something. */
  changed: boolean;
}

/** The deployment's guard step: ReserveGuard and ReserveGuardSetup (CREATE from the deployer), with records. */
export async function deployGuardContracts(
  deployer: Signer,
  multiSendCallOnly: string,
  cfg: GuardConfig,
  tools: Pick<StepTools, "create" | "save">,
): Promise<DeployedGuard> {
  const provider = deployer.provider;
  if (!provider) throw new GuardError("the deployer has no provider");
  const landed = async (c: {
    getAddress(): Promise<string>;
    deploymentTransaction(): { hash: string; wait(): Promise<{ blockNumber: number } | null> } | null;
  }) => {
    const tx = c.deploymentTransaction();
    const receipt = await tx?.wait();
    return {
      address: await c.getAddress(),
      transactionHash: tx?.hash ?? "unknown",
      blockNumber: receipt?.blockNumber ?? 0,
    };
  };
  const args = [
    getAddress(multiSendCallOnly),
    cfg.delaySeconds,
    cfg.expiryWindowSeconds ?? DEFAULT_EXPIRY_WINDOW_SECONDS,
  ];
  const guard = await tools.create(
    GUARD_RECORDS.guard,
    async () =>
      landed(
        await deployReserveGuard(deployer, {
          multiSendCallOnly,
          delaySeconds: cfg.delaySeconds,
          expiryWindowSeconds: cfg.expiryWindowSeconds,
        }),
      ),
    async (address) => {
      try {
        const g = ReserveGuard__factory.connect(address, provider);
        return (
          getAddress(await g.MULTI_SEND_CALL_ONLY()) === getAddress(multiSendCallOnly) &&
          Number(await g.DEFAULT_DELAY()) === cfg.delaySeconds
        );
      } catch {
        return false;
      }
    },
  );
  const g = ReserveGuard__factory.connect(guard.address, provider);
  if (Number(await withTimeout(g.DEFAULT_DELAY(), "guard delay")) !== cfg.delaySeconds) {
    throw new GuardError(
      `ReserveGuard at ${guard.address} has default delay ${await g.DEFAULT_DELAY()} s, ` +
        `the configuration says ${cfg.delaySeconds} s`,
    );
  }
  await tools.save({
    name: GUARD_RECORDS.guard,
    contract: "ReserveGuard",
    abi: ReserveGuard__factory.abi,
    created: guard,
    args,
    compiledFrom: "ReserveGuard",
  });
  const setup = await tools.create(
    GUARD_RECORDS.setup,
    async () => landed(await deployReserveGuardSetup(deployer, multiSendCallOnly)),
    async (address) => {
      try {
        return (
          getAddress(await ReserveGuardSetup__factory.connect(address, provider).MULTI_SEND_CALL_ONLY()) ===
          getAddress(multiSendCallOnly)
        );
      } catch {
        return false;
      }
    },
  );
  await tools.save({
    name: GUARD_RECORDS.setup,
    contract: "ReserveGuardSetup",
    abi: ReserveGuardSetup__factory.abi,
    created: setup,
    args: [getAddress(multiSendCallOnly)],
    compiledFrom: "ReserveGuardSetup",
  });
  return { guard: guard.address, setup: setup.address, changed: !guard.skipped || !setup.skipped };
}
