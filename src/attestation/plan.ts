/**
 * The attestation steps of the deployment plan (src/deploy/plan.ts composes them): the AttestationRegistry
 * (UUPS, the deployer its temporary admin with a zero admin delay), the Chainlink-compatible reserve adapter
 * over it, and the SOM_RESERVES subject's configuration.
 */
import type { PlanState, PlanStep } from "../chain/plan";
import { addressOf, sameAddress, stateChange, uupsStep } from "../chain/plan";
import { SOM_RESERVES } from "../chain/constants";
import { AttestationRegistry__factory } from "../../typechain-types/factories/contracts/attestation/AttestationRegistry__factory";
import { ReserveAggregatorAdapter__factory } from "../../typechain-types/factories/contracts/attestation/ReserveAggregatorAdapter__factory";
import type { AttestationRegistry } from "../../typechain-types";
import { adapterArgs, deployAttestationRegistry, deployReserveAdapter, registryInitArgs } from "./deploy";
import type { RegistryInit } from "./deploy";

/** Record names of the attestation contracts in deployments/<network>/. */
export const ATTESTATION_RECORDS = { registry: "AttestationRegistry", adapter: "SomReservesAggregator" } as const;

/** The registry as configured: attestors as references ("@account:N", 0x…). */
export interface RegistryPlan {
  attestors: readonly string[];
  threshold: number;
  valueDecimals: number;
  maxFutureSkew: number;
}

/** A subject's bounds: maximum report age (seconds) and move between reports (basis points). */
export interface SubjectPlan {
  maxAge: number;
  maxChangeBps: number;
}

/** The deployed registry, signed by the deployer. */
export function registryOf(s: PlanState): AttestationRegistry {
  return AttestationRegistry__factory.connect(addressOf(s, ATTESTATION_RECORDS.registry), s.deployer);
}

/** The registry's initializer settings: the deployer is its admin, with a zero admin delay, until the hand-over. */
function registryInit(s: PlanState, a: RegistryPlan): RegistryInit {
  return { ...a, admin: s.deployerAddress, adminTransferDelay: 0, attestors: a.attestors.map(s.resolve) };
}

/** The registry (UUPS), adopted on resume when it has the configured value decimals. */
export function registryStep(a: RegistryPlan): PlanStep {
  return uupsStep({
    name: ATTESTATION_RECORDS.registry,
    contract: "AttestationRegistry",
    factory: AttestationRegistry__factory,
    args: (s) => registryInitArgs(registryInit(s, a)),
    deploy: (s) => deployAttestationRegistry(s.hre, s.deployer, registryInit(s, a)),
    identify: async (_, registry) => Number(await registry.valueDecimals()) === a.valueDecimals,
  });
}

/** The Chainlink-compatible view of the SOM_RESERVES reports (CREATE), adopted when it reads this registry. */
export function adapterStep(): PlanStep {
  const name = ATTESTATION_RECORDS.adapter;
  return {
    name,
    run: async (s, tools) => {
      const registry = addressOf(s, ATTESTATION_RECORDS.registry);
      const created = await tools.create(
        name,
        async () => tools.landed(name, await deployReserveAdapter(s.deployer, registry)),
        async (address) => {
          try {
            return sameAddress(
              await ReserveAggregatorAdapter__factory.connect(address, s.hre.ethers.provider).registry(),
              registry,
            );
          } catch {
            return false;
          }
        },
      );
      s.address[name] = created.address;
      await tools.save({
        name,
        contract: "ReserveAggregatorAdapter",
        abi: ReserveAggregatorAdapter__factory.abi,
        created,
        args: adapterArgs(registry),
        compiledFrom: "ReserveAggregatorAdapter",
      });
      return !created.skipped;
    },
  };
}

/** `configureSubject(SOM_RESERVES)`: its bounds, and the contract told of every accepted report (`listenerRecord`). */
export function configureReservesSubjectStep(subject: SubjectPlan, listenerRecord: string): PlanStep {
  return stateChange<PlanState>(
    "registry.configureSubject(SOM_RESERVES)",
    async (s) => {
      const c = await registryOf(s).subjectConfig(SOM_RESERVES);
      return Number(c.maxAge) === subject.maxAge && sameAddress(c.listener, addressOf(s, listenerRecord));
    },
    async (s, tools, step) => [
      await tools.send(
        step,
        registryOf(s).configureSubject(
          SOM_RESERVES,
          subject.maxAge,
          subject.maxChangeBps,
          addressOf(s, listenerRecord),
        ),
      ),
    ],
  );
}
