/**
 * `npm start`: the main job on the in-process chain (no configuration needed).
 * Grows into the full reserve lifecycle as the system lands.
 */
import hre from "hardhat";

async function main(): Promise<void> {
  const { chainId } = await hre.ethers.provider.getNetwork();
  const [deployer] = await hre.ethers.getSigners();
  console.log(`Network ${hre.network.name} (chain ${chainId}), deployer ${deployer.address}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
