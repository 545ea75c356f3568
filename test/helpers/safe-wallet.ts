/**
 * A Safe made the way Safe{Wallet} makes one: canonical singleton and proxy factory, and Safe's
 * CompatibilityFallbackHandler (which answers ERC-1271 for off-chain messages). The reserve's own
 * creation never sets a handler (src/safe/deploy.ts); tests use this to stand for a Safe the
 * custodians already had before the deployment.
 */
import hre from "hardhat";
import { Contract, Interface, ZeroAddress } from "ethers";
import { loadSafeArtifact } from "../../src/safe/artifacts";
import {
  deployLocalSafeContract,
  ensureSafeInfrastructure,
  fallbackHandlerOf,
  predictSafeAddress,
} from "../../src/safe/deploy";

export async function createSafeWalletStyleSafe(
  owners: readonly string[],
  threshold: number,
  saltNonce: bigint,
): Promise<{ address: string; handler: string }> {
  const [deployer] = await hre.ethers.getSigners();
  const rpc = (m: string, p: unknown[]) => hre.ethers.provider.send(m, p);
  const infra = await ensureSafeInfrastructure(deployer, rpc, "Safe");
  const handler = (await deployLocalSafeContract(deployer, rpc, "CompatibilityFallbackHandler")).address;
  const setup = new Interface(loadSafeArtifact("Safe").abi).encodeFunctionData("setup", [
    owners,
    threshold,
    ZeroAddress,
    "0x",
    handler,
    ZeroAddress,
    0,
    ZeroAddress,
  ]);
  const factory = new Contract(infra.proxyFactory, loadSafeArtifact("SafeProxyFactory").abi, deployer);
  await (await factory.getFunction("createProxyWithNonce")(infra.singleton, setup, saltNonce)).wait();
  const address = await predictSafeAddress(hre.ethers.provider, infra, setup, saltNonce);
  if ((await fallbackHandlerOf(hre.ethers.provider, address)) !== handler)
    throw new Error("the Safe{Wallet}-style Safe has no handler");
  return { address, handler };
}
