/**
 * Gas of the som stablecoin, measured like ../shared/anchors/gas.md: receipt gasUsed, each
 * operation its own transaction, through the UUPS proxy, cold storage, fresh chain.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { GasSnapshot } from "../gas/snapshot";
import { gasOf, type GasSuite } from "../gas/suite";
import { signPermit, signTransferWithAuthorization } from "../../src/stablecoin/signatures";
import { configureMinter, deployStablecoinSystem } from "../../src/stablecoin/deploy";

import { SOM_RESERVES } from "../../src/chain/constants";

const TOKEN_SOURCE = "contracts/stablecoin/SomStablecoin.sol";

interface StructLog {
  pc: number;
  op: string;
  gasCost: number;
  depth: number;
}

/**
 * Gas of the reserve check inside a measured mint, read from the transaction's call trace (there is
 * no mock without the check: `_checkReserves` is private). The compiler's source map of the token
 * implementation says which instructions come from the body of `_checkReserves`; the gas of those
 * instructions, executed in the token implementation's frame (the deepest frame of a mint), is
 * summed. It includes the first (cold) reads of the two storage slots the check shares with the
 * rest of the mint (supply and reserves; reserve address, as-of and maximum age).
 */
async function reserveCheckGas(hre: HardhatRuntimeEnvironment, txHash: string): Promise<number> {
  const buildInfo = await hre.artifacts.getBuildInfo(`${TOKEN_SOURCE}:SomStablecoin`);
  if (!buildInfo) throw new Error("no build info for SomStablecoin: compile first");
  const compiled = buildInfo.output.contracts[TOKEN_SOURCE].SomStablecoin.evm.deployedBytecode;
  const fileIndex = buildInfo.output.sources[TOKEN_SOURCE].id;
  const source = buildInfo.input.sources[TOKEN_SOURCE].content;
  const start = source.indexOf("function _checkReserves(");
  const end = source.indexOf("\n    }\n", start) + 6;
  if (start < 0 || end < start) throw new Error("_checkReserves not found in the token source");

  // instruction index of every pc (PUSH1..PUSH32 carry 1..32 bytes of data)
  const code = Buffer.from(compiled.object, "hex");
  const indexOfPc = new Map<number, number>();
  for (let pc = 0, i = 0; pc < code.length; i++) {
    indexOfPc.set(pc, i);
    const op = code[pc];
    pc += op >= 0x60 && op <= 0x7f ? op - 0x5e : 1;
  }
  // source map entries "s:l:f:j:m", an empty field repeating the previous entry's
  const inCheck: boolean[] = [];
  let s = 0;
  let l = 0;
  let f = 0;
  for (const entry of (compiled.sourceMap ?? "").split(";")) {
    const [es, el, ef] = entry.split(":");
    if (es) s = Number(es);
    if (el) l = Number(el);
    if (ef) f = Number(ef);
    inCheck.push(f === fileIndex && s >= start && s + l <= end);
  }

  const trace = (await hre.network.provider.send("debug_traceTransaction", [
    txHash,
    { disableMemory: true, disableStack: true, disableStorage: true },
  ])) as { structLogs: StructLog[] };
  const deepest = Math.max(...trace.structLogs.map((x) => x.depth));
  let gas = 0;
  for (const log of trace.structLogs) {
    if (log.depth !== deepest) continue;
    const i = indexOfPc.get(log.pc);
    if (i !== undefined && inCheck[i]) gas += log.gasCost;
  }
  if (gas === 0) throw new Error("no instruction of the reserve check found in the mint's trace");
  return gas;
}

async function measure(hre: HardhatRuntimeEnvironment): Promise<GasSnapshot> {
  const { ethers } = hre;
  const [admin, minterAdmin, minter, reserve, alice, bob, carol, relayer, compliance] = await ethers.getSigners();
  const amount = 12_345n;
  const feed = await ethers.deployContract("AttestedValueSourceMock", [2]);
  const now = (await ethers.provider.getBlock("latest"))?.timestamp ?? 0;
  await feed.setReport(SOM_RESERVES, 10n ** 15n, now);
  const settings = {
    name: "Som Stablecoin",
    symbol: "KGSC",
    decimals: 2,
    reserve: reserve.address,
    reserveFeed: await feed.getAddress(),
    maxReserveAge: 2 * 24 * 3600,
  };
  const { token, controller } = await deployStablecoinSystem(hre, admin, 3 * 24 * 3600, settings, minterAdmin.address);
  await token.connect(admin).grantRole(await token.BURNER_ROLE(), reserve.address);
  await token.connect(admin).grantRole(await token.COMPLIANCE_ROLE(), compliance.address);
  await configureMinter(controller.connect(minterAdmin), {
    address: minter.address,
    allowance: 10n ** 12n,
    rateLimit: { capacity: 10n ** 10n, refillPerSecond: 10n ** 5n },
  });
  await controller.connect(minter).mint(10n ** 9n);

  const figures: GasSnapshot = {};
  // holders that already hold tokens
  for (const holder of [alice, bob, carol]) await token.connect(reserve).transfer(holder.address, 10n ** 6n);

  // a minter mints through the controller: allowance, rate limit, then the token's reserve check
  const mintTx = await controller.connect(minter).mint(amount);
  figures["stablecoin.mint"] = await gasOf(mintTx);
  figures["stablecoin.transfer"] = await gasOf(token.connect(alice).transfer(bob.address, amount));
  figures["stablecoin.approve"] = await gasOf(token.connect(alice).approve(relayer.address, 10n ** 5n));
  figures["stablecoin.transferFrom"] = await gasOf(
    token.connect(relayer).transferFrom(alice.address, bob.address, amount),
  );

  const { chainId } = await ethers.provider.getNetwork();
  const domain = { name: "Som Stablecoin", chainId, verifyingContract: await token.getAddress() };
  // fixed deadline and nonce: deterministic signatures, so calldata (and gas) never varies between runs
  const deadline = 4_102_444_800n; // 2100-01-01

  // the first permit of carol (not measured), then a later one (measured), both sent by the relayer
  for (const [i, key] of [
    [0n, ""],
    [1n, "stablecoin.permit"],
  ] as const) {
    const value = 1_000n + i;
    const sig = await signPermit(carol, domain, {
      owner: carol.address,
      spender: bob.address,
      value,
      nonce: i,
      deadline,
    });
    const gas = await gasOf(
      token
        .connect(relayer)
        ["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"](
          carol.address,
          bob.address,
          value,
          deadline,
          sig.v,
          sig.r,
          sig.s,
        ),
    );
    if (key) figures[key] = gas;
  }

  const nonce = ethers.id("bench-authorization-1");
  const auth = { from: carol.address, to: alice.address, value: amount, validAfter: 0n, validBefore: deadline, nonce };
  const authSig = await signTransferWithAuthorization(carol, domain, auth);
  figures["stablecoin.transferWithAuthorization"] = await gasOf(
    token
      .connect(relayer)
      ["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"](
        auth.from,
        auth.to,
        auth.value,
        auth.validAfter,
        auth.validBefore,
        auth.nonce,
        authSig.v,
        authSig.r,
        authSig.s,
      ),
  );

  figures["stablecoin.burn"] = await gasOf(token.connect(reserve).burn(amount, ethers.id("redemption-1")));
  figures["stablecoin.freeze"] = await gasOf(token.connect(compliance).freeze(bob.address));
  // a sanctions list applied at once (src/sanctions/apply.ts): 100 listed addresses that never held the token
  const listed = Array.from({ length: 100 }, (_, i) => ethers.getAddress(ethers.id(`sanctioned-${i}`).slice(0, 42)));
  figures["stablecoin.freezeBatch100"] = await gasOf(token.connect(compliance).freezeBatch(listed));

  // what the reserve check costs inside that mint, from the call trace (see reserveCheckGas)
  figures["stablecoin.mint.reserveCheck"] = await reserveCheckGas(hre, mintTx.hash);
  return figures;
}

export const stablecoinGasSuite: GasSuite = { name: "stablecoin", measure };
