/**
 * Guarded reserve Safe for the gas bench: the ReserveGuard deployed and self-checked through src/guard, then
 * installed by the Safe's own setGuard (a Safe transaction; no guard yet, so no announcement), exactly as a
 * hand-over proposal on an existing Safe does, followed by the classification's delayed set. Public-network delay
 * (48 h): the measured call is ordinary (it reads the delayed set and the call rule).
 */
import type { ContractTransactionResponse, Signer } from "ethers";
import {
  PUBLIC_DEFAULT_DELAY_SECONDS,
  checkGuardInstallable,
  delaySelectorsCall,
  deployReserveGuard,
  guardOf,
  missingDelayedSelectors,
  setGuardCall,
} from "../../src/guard";
import type { InnerCall } from "../../src/safe/multisend";

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
  await (await exec(delaySelectorsCall(address))).wait();
  if ((await missingDelayedSelectors(provider, address, safe)).length > 0)
    throw new Error("the bench guard's delayed set was not installed");
  return address;
}
