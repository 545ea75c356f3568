/**
 * Loads Hardhat as a library for the network chosen by the selector (./network.ts), for the commands
 * that need a chain. Imported lazily: the offline commands never reach this import of "hardhat".
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type {} from "@nomicfoundation/hardhat-ethers";
import { hardhatSetupError } from "./chainErrors";

/**
 * Loads Hardhat for the network in HARDHAT_NETWORK; Hardhat's own errors (e.g. HH100, an unknown
 * network) become one-line user errors instead of stack traces.
 */
export async function loadHardhat(): Promise<HardhatRuntimeEnvironment> {
  try {
    return (await import("hardhat")).default as HardhatRuntimeEnvironment;
  } catch (e) {
    throw hardhatSetupError(e) ?? e;
  }
}
