import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { ContractTransactionResponse } from "ethers";
import type { GasSnapshot } from "./snapshot";

/**
 * A group of gas measurements (one per domain, under bench/). Each suite starts on a fresh
 * in-process chain and returns operation name -> receipt gasUsed.
 */
export interface GasSuite {
  name: string;
  measure(hre: HardhatRuntimeEnvironment): Promise<GasSnapshot>;
}

/** Waits for `tx` and returns its receipt's gasUsed as a number (each operation its own transaction). */
export async function gasOf(tx: Promise<ContractTransactionResponse> | ContractTransactionResponse): Promise<number> {
  const sent = await tx;
  const receipt = await sent.wait();
  if (!receipt) throw new Error(`no receipt for ${sent.hash}`);
  if (receipt.status !== 1) throw new Error(`measured transaction ${sent.hash} reverted`);
  return Number(receipt.gasUsed);
}
