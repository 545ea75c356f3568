/**
 * The production contracts the mutation run covers: each with the source files whose code is mutated and the test
 * files that exercise it, fastest-killing first (with `--bail` the first failing test ends the run). Only tests
 * that run the contracts in-process: no CLI, child-process, end-to-end, anvil or docs tests.
 */
export interface Target {
  /** The contract's name (`--contract`). */
  name: string;
  /** Source names (as in Hardhat's build) whose contract code is mutated. */
  files: readonly string[];
  /** Test files, in the order they run. */
  tests: readonly string[];
}

const STABLECOIN_TESTS = [
  "test/stablecoin/erc20.test.ts",
  "test/stablecoin/minting.test.ts",
  "test/stablecoin/roles.test.ts",
  "test/stablecoin/pause.test.ts",
  "test/stablecoin/freeze.test.ts",
  "test/stablecoin/reserves.test.ts",
  "test/stablecoin/permit.test.ts",
  "test/stablecoin/eip3009.test.ts",
  "test/stablecoin/eip712.test.ts",
  "test/stablecoin/rescue.test.ts",
  "test/stablecoin/supply-controller.test.ts",
  "test/stablecoin/upgrade.test.ts",
  "test/regressions/anchor-bugs.test.ts",
  "test/invariants/stablecoin.invariants.test.ts",
  "test/integration/reserve.test.ts",
];

export const TARGETS: readonly Target[] = [
  {
    name: "SomStablecoin",
    files: [
      "contracts/stablecoin/SomStablecoin.sol",
      "contracts/stablecoin/SomStablecoinCore.sol",
      "contracts/stablecoin/SomStablecoinSignatures.sol",
    ],
    tests: STABLECOIN_TESTS,
  },
  {
    name: "SomSupplyController",
    files: ["contracts/stablecoin/SomSupplyController.sol"],
    tests: [
      "test/stablecoin/supply-controller.test.ts",
      "test/stablecoin/minting.test.ts",
      ...STABLECOIN_TESTS.filter((t) => !/supply-controller|minting/.test(t)),
    ],
  },
  {
    name: "ReserveGuard",
    files: ["contracts/guard/ReserveGuard.sol"],
    tests: [
      "test/guard/guard.test.ts",
      "test/guard/delayed.test.ts",
      "test/guard/liveness.test.ts",
      "test/guard/abi.test.ts",
      "test/guard/classification.test.ts",
      "test/guard/system.test.ts",
      "test/guard/deploy.test.ts",
      "test/guard/batch.property.test.ts",
      "test/guard/nobrick.property.test.ts",
    ],
  },
  {
    name: "DistributionRule",
    files: ["contracts/market/DistributionRule.sol"],
    tests: [
      "test/market/rule.test.ts",
      "test/market/integration.test.ts",
      "test/market/scenario.test.ts",
      "test/guard/classification.test.ts",
    ],
  },
  {
    name: "AttestationRegistry",
    files: ["contracts/attestation/AttestationRegistry.sol"],
    tests: [
      "test/attestation/rules.test.ts",
      "test/attestation/quorum.test.ts",
      "test/attestation/approvals.test.ts",
      "test/attestation/admin.test.ts",
      "test/attestation/listener-adapter.test.ts",
      "test/attestation/library.test.ts",
      "test/attestation/upgrade.test.ts",
      "test/attestation/deploy-rules.test.ts",
      "test/attestation/bounds.property.test.ts",
      "test/integration/reserve.test.ts",
    ],
  },
  {
    name: "RedemptionDesk",
    files: ["contracts/market/RedemptionDesk.sol"],
    tests: [
      "test/market/desk.test.ts",
      "test/market/integration.test.ts",
      "test/market/scenario.test.ts",
      "test/market/desk.property.test.ts",
    ],
  },
  {
    name: "AssetToken",
    files: ["contracts/assets/AssetToken.sol"],
    tests: [
      "test/assets/erc20.test.ts",
      "test/assets/transfer-matrix.test.ts",
      "test/assets/enforcement.test.ts",
      "test/assets/erc7943.test.ts",
      "test/assets/roles.test.ts",
      "test/assets/supply.test.ts",
      "test/assets/valuation.test.ts",
      "test/assets/records.test.ts",
      "test/assets/asset-records.test.ts",
      "test/assets/attacks.test.ts",
      "test/assets/review.test.ts",
      "test/assets/helpers.test.ts",
      "test/assets/storage.test.ts",
      "test/assets/factory.test.ts",
      "test/invariants/asset.invariants.test.ts",
    ],
  },
];

export function findTarget(name: string): Target | undefined {
  return TARGETS.find((t) => t.name.toLowerCase() === name.toLowerCase());
}
