/**
 * The Safe's steps of the deployment plan (src/deploy/plan.ts composes them): the Safe v1.4.1 contracts
 * (local chains: deployed from the shipped artifacts at their canonical addresses; public chains: the
 * canonical deployments, checked by code hash), the reserve Safe's address (predicted from its owners,
 * threshold, salt and `setup` batch, or the configured existing Safe) and the reserve Safe's creation.
 * What the `setup` batch holds (the hand-over) and which guard check applies are the engine's to say.
 */
import { getAddress } from "ethers";
import type { PlanState, PlanStep, RecordInput } from "../chain/plan";
import { DeployError, sameAddress } from "../chain/plan";
import type { RecordSafe } from "../chain/records";
import { loadSafeArtifact } from "./artifacts";
import type { SafeContractName, SingletonName } from "./artifacts";
import {
  createReserveSafe,
  deployLocalSafeContract,
  isLocalChain,
  localSafeCreation,
  planReserveSafe,
  resolveSafeInfrastructure,
  verifySafeSetup,
} from "./deploy";
import type { SafeCreationPlan, SafeGuardCheck, SafeInfrastructure, SetupCall } from "./deploy";

/** The compiler a canonical Safe contract's record names. */
export const SAFE_COMPILER = "canonical artifact @safe-global/safe-contracts@1.4.1";

/** What the Safe's steps read and fill. */
export interface SafePlanState extends PlanState {
  /** The Safe singleton the reserve Safe is a proxy of. */
  singletonName: SingletonName;
  infra?: SafeInfrastructure;
  safePlan?: SafeCreationPlan;
}

/** The record of a Safe contract (its ABI from the shipped artifact, its compiler the canonical one). */
export function safeRecord(
  name: string,
  contract: SafeContractName,
  created: RecordInput["created"],
  extra: Partial<RecordInput> = {},
): RecordInput {
  return {
    name,
    contract,
    abi: loadSafeArtifact(contract).abi as readonly unknown[],
    created,
    args: [],
    compiledFrom: { canonical: SAFE_COMPILER },
    ...extra,
  };
}

/** The Safe infrastructure resolved by the first steps. */
export function infraOf(s: SafePlanState): SafeInfrastructure {
  if (!s.infra) throw new Error("internal: Safe contracts not resolved");
  return s.infra;
}

/** Local chains: one Safe contract at its canonical address (CREATE2 through Safe's singleton factory). */
function localSafeContractStep(name: SafeContractName): PlanStep<SafePlanState> {
  return {
    name,
    run: async (s, tools) => {
      const { address, data } = localSafeCreation(name);
      const created = await tools.create2(
        name,
        address,
        (tx) => tx.data === data,
        async () => {
          const out = await deployLocalSafeContract(
            s.deployer,
            (m, p) => s.hre.ethers.provider.send(m, p),
            name,
            (h) => tools.logSent(name, h),
          );
          if (out.transactionHash)
            tools.recordGas(name, await s.hre.ethers.provider.getTransactionReceipt(out.transactionHash));
          return {
            address: out.address,
            transactionHash: out.transactionHash ?? "unknown",
            blockNumber: out.blockNumber ?? 0,
          };
        },
      );
      await tools.save(safeRecord(name, name, created));
      return !created.skipped;
    },
  };
}

/** Step 1: the Safe contracts, deployed locally, or the canonical ones of a public chain (code hashes checked). */
export function safeContractSteps(chain: { chainId: number; singletonName: SingletonName }): PlanStep<SafePlanState>[] {
  const names: SafeContractName[] = [chain.singletonName, "SafeProxyFactory", "MultiSendCallOnly"];
  const local = isLocalChain(chain.chainId) ? names.map(localSafeContractStep) : [];
  const resolve: PlanStep<SafePlanState> = {
    name: "Safe contracts (canonical, code hashes checked)",
    run: async (st, tools) => {
      st.infra = await resolveSafeInfrastructure(st.hre.ethers.provider, st.singletonName);
      if (!isLocalChain(st.chainId)) {
        const found: [SafeContractName, string][] = [
          [st.singletonName, st.infra.singleton],
          ["SafeProxyFactory", st.infra.proxyFactory],
          ["MultiSendCallOnly", st.infra.multiSendCallOnly],
        ];
        for (const [name, address] of found)
          await tools.save(safeRecord(name, name, { address, transactionHash: "canonical", blockNumber: 0 }));
      }
      tools.log(`${tools.progress ?? ""} = Safe v1.4.1 contracts in place (${st.singletonName} ${st.infra.singleton})`);
      return false;
    },
  };
  return [...local, resolve];
}

/** A new reserve Safe as configured: owners as references ("@account:N", 0x…), threshold, salt (decimal string). */
export interface NewSafePlan {
  owners: readonly string[];
  threshold: number;
  saltNonce: string;
}

/**
 * Step 3: the reserve Safe's address: predicted (CREATE2) with the `setup` delegatecall `setupCall` gives it
 * (the hand-over batch), or the configured existing Safe (`{ address }`).
 */
export function reserveSafeAddressStep<S extends SafePlanState>(
  safe: NewSafePlan | { address: string },
  setupCall: (s: S, infra: SafeInfrastructure) => SetupCall,
): PlanStep<S> {
  return {
    name: "ReserveSafe address",
    run: async (s, tools) => {
      const isNew = "owners" in safe;
      if (isNew) {
        const infra = infraOf(s);
        s.safePlan = await planReserveSafe(s.hre.ethers.provider, infra, {
          owners: safe.owners.map(s.resolve),
          threshold: safe.threshold,
          saltNonce: BigInt(safe.saltNonce),
          setupCall: setupCall(s, infra),
        });
        s.safe = s.safePlan.address;
      } else {
        s.safe = getAddress(safe.address);
      }
      tools.log(
        `${tools.progress ?? ""} reserve Safe: ${s.safe}${isNew ? " (created by this deployment)" : " (existing)"}`,
      );
      return false;
    },
  };
}

export interface ReserveSafeCreation<S> {
  /** Record (and step) name. */
  name: string;
  /** The transaction guard its `setup` installs (undefined: none). */
  guard: (s: S) => string | undefined;
  /** What the installed guard must also satisfy (the guard domain's check). */
  checkGuard: SafeGuardCheck;
  /** The owners as the record labels them (what offline signers render). */
  labelOwners: (owners: readonly string[]) => RecordSafe["owners"];
}

/** Step 5: the new reserve Safe (CREATE2: adopted when code is at its predicted address), checked and recorded. */
export function reserveSafeCreationStep<S extends SafePlanState>(o: ReserveSafeCreation<S>): PlanStep<S> {
  return {
    name: o.name,
    run: async (s, tools) => {
      const infra = infraOf(s);
      const plan = s.safePlan;
      if (!plan) throw new Error("internal: the Safe address was not computed");
      const guard = o.guard(s);
      const created = await tools.create2(
        o.name,
        plan.address,
        (tx) => sameAddress(tx.to ?? "", infra.proxyFactory) && tx.data.includes(plan.initializer.slice(10)),
        async () => {
          const safeConfig = {
            owners: plan.owners,
            threshold: plan.threshold,
            saltNonce: plan.saltNonce,
            setupCall: plan.setupCall,
            guard,
            checkGuard: o.checkGuard,
          };
          const out = await createReserveSafe(s.deployer, infra, safeConfig, (h) => tools.logSent(o.name, h));
          if (out.transactionHash)
            tools.recordGas(o.name, await s.hre.ethers.provider.getTransactionReceipt(out.transactionHash));
          if (getAddress(out.address) !== getAddress(plan.address))
            throw new DeployError(`the Safe landed at ${out.address}, not ${plan.address}`);
          return {
            address: out.address,
            transactionHash: out.transactionHash ?? "unknown",
            blockNumber: out.blockNumber ?? 0,
          };
        },
      );
      // Adopted or created: the Safe must be the configured one (owners, threshold, no handler, no module, its guard).
      await verifySafeSetup(s.hre.ethers.provider, plan.address, plan.owners, plan.threshold, guard, o.checkGuard);
      await tools.save(
        safeRecord(o.name, s.singletonName, created, {
          args: [plan.owners, plan.threshold, plan.saltNonce.toString()],
          proxy: { kind: "safe-proxy", implementation: infra.singleton },
          safe: { owners: o.labelOwners(plan.owners), threshold: plan.threshold },
        }),
      );
      return !created.skipped;
    },
  };
}
