/**
 * Reserve Safe gas: a steady-state execTransaction (nonce already used) that distributes the real SomStablecoin
 * (UUPS proxy) to a holder with a balance, signed by threshold-many owners (EIP-712, sorted, no refund), vs the
 * same transfer from a plain account. Target: safe.distribute2of3 <= safe.distribute.plainTransfer + 40,000; with
 * the ReserveGuard installed (tools/bench/guard.ts, with the classification's delayed set):
 * safe.distribute2of3.guarded <= plain + 49,500, safe.distribute2of3.safeL2.guarded <= plain + 58,500.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { Interface, Wallet, id } from "ethers";
import type { Contract, ContractTransactionResponse, Signer } from "ethers";
import { gasOf } from "../gas/suite";
import { installBenchGuard } from "./guard";
import type { InnerCall } from "../../src/safe/multisend";
import type { GasSuite } from "../gas/suite";
import type { SingletonName } from "../../src/safe/artifacts";
import { createReserveSafe, ensureSafeInfrastructure, saltNonceFor } from "../../src/safe/deploy";
import { safeContract } from "../../src/custody/execute";
import { packSignatures } from "../../src/safe/signatures";
import { buildSafeTx, signSafeTx } from "../../src/safe/safeTx";
import { configureMinter, deployStablecoinSystem } from "../../src/stablecoin/deploy";

const OWNERS = [1, 2, 3, 4, 5].map((i) => new Wallet(id(`bench-custodian-${i}`)));
const AMOUNT = 1_000_00n;

import { SOM_RESERVES } from "../../src/chain/constants";

/**
 * The real SomStablecoin behind its UUPS proxy (reserve = the deployer here, so the plain-account baseline
 * and the Safe's funding are ordinary transfers out of the reserve), minted within attested reserves.
 */
async function deployToken(
  hre: HardhatRuntimeEnvironment,
  deployer: Signer,
): Promise<{ token: Contract; fund(to: string, amount: bigint): Promise<void> }> {
  const admin = await deployer.getAddress();
  const feed = await hre.ethers.deployContract("AttestedValueSourceMock", [2], deployer);
  const now = (await hre.ethers.provider.getBlock("latest"))?.timestamp ?? 0;
  await (await feed.getFunction("setReport")(SOM_RESERVES, 10n ** 15n, now)).wait();
  const system = await deployStablecoinSystem(
    hre,
    deployer,
    3 * 24 * 3600,
    {
      name: "Som Stablecoin",
      symbol: "KGSC",
      decimals: 2,
      reserve: admin,
      reserveFeed: await feed.getAddress(),
      maxReserveAge: 2 * 24 * 3600,
    },
    admin,
  );
  await configureMinter(system.controller, {
    address: admin,
    allowance: 10n ** 13n,
    rateLimit: { capacity: 10n ** 13n, refillPerSecond: 0n },
  });
  await (await system.controller.mint(10n ** 12n)).wait();
  const token = system.token as unknown as Contract;
  return { token, fund: async (to, amount) => void (await (await token.getFunction("transfer")(to, amount)).wait()) };
}

async function measureSafe(
  hre: HardhatRuntimeEnvironment,
  singleton: SingletonName,
  ownerCount: number,
  threshold: number,
  token: Contract,
  fund: (to: string, a: bigint) => Promise<void>,
  holder: string,
  guarded = false,
): Promise<number> {
  const [deployer] = await hre.ethers.getSigners();
  const infra = await ensureSafeInfrastructure(deployer, (m, p) => hre.network.provider.send(m, p), singleton);
  const owners = OWNERS.slice(0, ownerCount);
  const { address } = await createReserveSafe(deployer, infra, {
    owners: owners.map((o) => o.address),
    threshold,
    saltNonce: saltNonceFor(`bench-${singleton}-${ownerCount}${guarded ? "-guarded" : ""}`),
  });
  await fund(address, 100n * AMOUNT);
  const safe = safeContract(address, deployer);
  const data = new Interface(["function transfer(address,uint256)"]).encodeFunctionData("transfer", [holder, AMOUNT]);
  const exec = async (call?: InnerCall): Promise<ContractTransactionResponse> => {
    const tx = buildSafeTx({
      to: call?.to ?? (await token.getAddress()),
      data: call?.data ?? data,
      nonce: BigInt(await safe.nonce()),
    });
    const sigs = await Promise.all(
      owners
        .slice(0, threshold)
        .map(async (o) => ({ signer: o.address, signature: await signSafeTx(o, 31337, address, tx) })),
    );
    return safe.execTransaction(
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
  };
  if (guarded) await installBenchGuard(deployer, infra.multiSendCallOnly, address, (call) => exec(call));
  await gasOf(exec()); // first execution: nonce 0 -> 1 (not steady state)
  return gasOf(exec());
}

export const safeGasSuite: GasSuite = {
  name: "safe",
  async measure(hre) {
    const [deployer, holder] = await hre.ethers.getSigners();
    const { token, fund } = await deployToken(hre, deployer);
    await fund(holder.address, AMOUNT); // the holder already has a balance
    const plain = await gasOf(
      token.getFunction("transfer")(holder.address, AMOUNT) as Promise<ContractTransactionResponse>,
    );
    return {
      "safe.distribute.plainTransfer": plain,
      "safe.distribute2of3": await measureSafe(hre, "Safe", 3, 2, token, fund, holder.address),
      "safe.distribute3of5": await measureSafe(hre, "Safe", 5, 3, token, fund, holder.address),
      "safe.distribute2of3.safeL2": await measureSafe(hre, "SafeL2", 3, 2, token, fund, holder.address),
      "safe.distribute2of3.guarded": await measureSafe(hre, "Safe", 3, 2, token, fund, holder.address, true),
      "safe.distribute2of3.safeL2.guarded": await measureSafe(hre, "SafeL2", 3, 2, token, fund, holder.address, true),
    };
  },
};
