/**
 * Guarded reserve Safe for the gas bench: the ReserveGuard deployed and self-checked through src/guard, then
 * installed by the Safe's own setGuard (a Safe transaction; no guard yet, so no announcement), exactly as a
 * hand-over proposal on an existing Safe does. Public-network delay (48 h): the measured call is ordinary.
 */
import type { ContractTransactionResponse, Signer } from "ethers";
import { PUBLIC_DEFAULT_DELAY_SECONDS, checkGuardInstallable, deployReserveGuard, guardOf, setGuardCall } from "../src/guard";
import type { InnerCall } from "../src/safe/multisend";

export async function installBenchGuard(
  deployer: Signer,
  multiSendCallOnly: string,
  safe: string,
  exec: (call: InnerCall) => Promise<ContractTransactionResponse>,
): Promise<string> {
  const provider = deployer.provider;
  if (!provider) throw new Error("the deployer has no provider");
  const guard = await deployReserveGuard(deployer, { multiSendCallOnly, delaySeconds: PUBLIC_DEFAULT_DELAY_SECONDS });
  const address = await guard.getAddress();
  await checkGuardInstallable(provider, address, safe, multiSendCallOnly);
  await (await exec(setGuardCall(safe, address))).wait();
  if ((await guardOf(provider, safe)) !== address) throw new Error("the bench guard was not installed");
  return address;
}
