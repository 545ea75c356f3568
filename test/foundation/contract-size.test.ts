/**
 * Size gate: every production contract (contracts/, not contracts/mocks/) keeps its runtime code
 * at least 1 KiB under the EIP-170 limit of 24,576 bytes, so that growth is noticed in CI long
 * before a feature has to be dropped to fit. Prints every contract's size.
 */
import { expect } from "chai";
import hre from "hardhat";

/** EIP-170 limit less 1 KiB. */
export const SIZE_LIMIT = 24_576 - 1_024;

interface ContractSize {
  name: string;
  bytes: number;
}

/** Runtime sizes of the deployable production contracts (interfaces, libraries without code and mocks skipped). */
async function productionSizes(): Promise<ContractSize[]> {
  const out: ContractSize[] = [];
  for (const fqn of await hre.artifacts.getAllFullyQualifiedNames()) {
    const artifact = await hre.artifacts.readArtifact(fqn);
    if (!artifact.sourceName.startsWith("contracts/") || artifact.sourceName.startsWith("contracts/mocks/")) continue;
    const bytes = (artifact.deployedBytecode.length - 2) / 2;
    if (bytes > 0) out.push({ name: fqn, bytes });
  }
  return out.sort((a, b) => b.bytes - a.bytes);
}

/** The contracts above `limit`, as readable lines. */
function oversized(sizes: readonly ContractSize[], limit: number): string[] {
  return sizes
    .filter((s) => s.bytes > limit)
    .map((s) => `${s.name}: ${s.bytes} bytes, ${s.bytes - limit} over ${limit}`);
}

describe("foundation: contract size gate", function () {
  it(`every production contract's runtime code is at most ${SIZE_LIMIT} bytes`, async function () {
    await hre.run("compile", { quiet: true });
    const sizes = await productionSizes();
    expect(sizes.length).to.be.greaterThan(0);
    for (const s of sizes)
      console.log(
        `      ${String(s.bytes).padStart(6)} bytes  ${String(SIZE_LIMIT - s.bytes).padStart(6)} left  ${s.name}`,
      );
    expect(sizes.map((s) => s.name)).to.include("contracts/stablecoin/SomStablecoin.sol:SomStablecoin");
    expect(oversized(sizes, SIZE_LIMIT)).to.deep.equal([]);
  });

  it("the gate names a contract one byte over the limit and passes one at the limit", function () {
    const sizes = [
      { name: "A", bytes: SIZE_LIMIT + 1 },
      { name: "B", bytes: SIZE_LIMIT },
    ];
    expect(oversized(sizes, SIZE_LIMIT)).to.deep.equal([`A: ${SIZE_LIMIT + 1} bytes, 1 over ${SIZE_LIMIT}`]);
  });
});
