/**
 * Guard fixture: Safe v1.4.1 (2-of-3 and 3-of-5 from test/custody/fixtures), one ReserveGuard (delay 1 hour,
 * expiry window 1 day) installed on the 2-of-3 Safe through an ordinary Safe transaction (no guard yet,
 * so no announcement needed), and helpers to execute Safe transactions with genuine owner signatures.
 */
import hre from "hardhat";
import { ZeroAddress } from "ethers";
import type { ContractTransactionResponse } from "ethers";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { CUSTODIANS, safeFixture } from "../custody/fixtures";
import type { SafeFixture } from "../custody/fixtures";
import {
  announceCalls,
  checkGuardInstallable,
  delaySelectorsCall,
  deployReserveGuard,
  setGuardCall,
} from "../../src/guard";
import { encodeMultiSendCall } from "../../src/safe/multisend";
import type { InnerCall } from "../../src/safe/multisend";
import { safeContract } from "../../src/custody/execute";
import { packSignatures } from "../../src/safe/signatures";
import { buildSafeTx, signSafeTx } from "../../src/safe/safeTx";
import type { SafeTx } from "../../src/safe/safeTx";
import type { ReserveGuard } from "../../typechain-types";

export const DELAY = 3600;
export const EXPIRY = 24 * 3600;

export interface GuardFixture extends SafeFixture {
  guard: ReserveGuard;
  guardAddress: string;
}

/**
 * Executes `tx` (fields over buildSafeTx's defaults) on `safe` with the signatures of `signers` (CUSTODIANS
 * indices).
 */
export async function execSafe(
  safe: string,
  signers: number[],
  fields: Partial<SafeTx> & { to: string; data: string },
): Promise<ContractTransactionResponse> {
  const c = safeContract(safe, (await hre.ethers.getSigners())[0]);
  const tx: SafeTx = {
    ...buildSafeTx({ to: fields.to, data: fields.data, nonce: BigInt(await c.getFunction("nonce").staticCall()) }),
    ...fields,
  };
  const sigs = await Promise.all(
    signers.map(async (i) => ({
      signer: CUSTODIANS[i].address,
      signature: await signSafeTx(CUSTODIANS[i], 31337, safe, tx),
    })),
  );
  return c.getFunction("execTransaction")(
    tx.to,
    tx.value,
    tx.data,
    tx.operation,
    tx.safeTxGas,
    tx.baseGas,
    tx.gasPrice,
    tx.gasToken,
    tx.refundReceiver,
    packSignatures(sigs),
  ) as Promise<ContractTransactionResponse>;
}

/** One call, or a MultiSendCallOnly batch of several, executed by the 2-of-3 Safe (owners 0 and 1 sign). */
export async function execCalls(
  fx: SafeFixture,
  calls: InnerCall[],
  safe = fx.safe23.address,
  signers = [0, 1],
  extra: Partial<SafeTx> = {},
): Promise<ContractTransactionResponse> {
  if (calls.length === 1)
    return execSafe(safe, signers, { to: calls[0].to, data: calls[0].data, value: calls[0].value, ...extra });
  return execSafe(safe, signers, {
    to: fx.infra.multiSendCallOnly,
    data: encodeMultiSendCall(calls),
    operation: 1,
    ...extra,
  });
}

/** Owner #0 announces `calls`, then time passes the delay. */
export async function announceAndWait(fx: GuardFixture, calls: InnerCall[], safe = fx.safe23.address): Promise<void> {
  await announceCalls(CUSTODIANS[0].connect(hre.ethers.provider), fx.guardAddress, safe, calls);
  await time.increase(DELAY);
}

/**
 * The guard as the deployment installs it: setGuard and the classification's delayed set (upgrades, role
 * grants, reserve and minter settings wait out the delay) in one transaction of the unguarded Safe.
 */
export async function guardFixture(): Promise<GuardFixture> {
  const fx = await loadFixture(bareGuardFixture);
  await (await execCalls(fx, [delaySelectorsCall(fx.guardAddress)])).wait();
  return fx;
}

/** The guard installed with an empty delayed set (only self-calls and guard settings wait). */
export async function bareGuardFixture(): Promise<GuardFixture> {
  // through loadFixture: safeFixture's own snapshot stays guard-free for the tests that load it afterwards
  const fx = await loadFixture(safeFixture);
  const [deployer] = await hre.ethers.getSigners();
  for (const w of CUSTODIANS) await deployer.sendTransaction({ to: w.address, value: 10n ** 18n });
  const guard = await deployReserveGuard(deployer, {
    multiSendCallOnly: fx.infra.multiSendCallOnly,
    delaySeconds: DELAY,
    expiryWindowSeconds: EXPIRY,
  });
  const guardAddress = await guard.getAddress();
  await checkGuardInstallable(hre.ethers.provider, guardAddress, fx.safe23.address, fx.infra.multiSendCallOnly);
  await (await execCalls(fx, [setGuardCall(fx.safe23.address, guardAddress)])).wait();
  return { ...fx, guard, guardAddress };
}

export const NO_GUARD = ZeroAddress;
