/**
 * The stablecoin chapters of the main job (steps 1 to 6): reserves attested, minting within them, a
 * distribution through the reserve Safe, an EIP-3009 payment, a court-ordered freeze and wipe, a redemption.
 * Each checks its effect on chain (the narrator's expect throws StepFailedError otherwise).
 */
import { Wallet, encodeBytes32String } from "ethers";
import type { HDNodeWallet } from "ethers";
import { SomSupplyController__factory } from "../../typechain-types/factories/contracts/stablecoin/SomSupplyController__factory";
import { SOM_RESERVES } from "../attestation";
import { localAccountWallet as localWallet } from "../chain/localKeys";
import { randomAuthorizationNonce, signTransferWithAuthorization } from "../stablecoin/signatures";
import { parseDecimal } from "../chain/amounts";
import { ACCOUNT, expectRevert } from "./context";
import type { JobContext } from "./context";

/** Steps 1 and 2: attested som reserves, a mint within them, a mint over them refused. */
export async function reservesAndMint(c: JobContext): Promise<void> {
  const { n, coin, som, fmt, attest, safe, rec, s } = c;
  // ------------------------------------------------------------------ 1. reserves
  n.step("Attestors (central bank, custodian bank, auditor: 2 of 3 needed) attest the som reserves");
  const supply0 = await coin.totalSupply();
  const reserves = supply0 + som("5000000.00");
  await attest(
    SOM_RESERVES,
    reserves,
    `bank statement, reserve account, ${new Date().toISOString().slice(0, 10)}`,
    "SOM_RESERVES",
  );
  const [cached] = await coin.reserveSnapshot();
  n.expect(cached === reserves, `the stablecoin now caches attested reserves of ${fmt(cached)}`);

  // ------------------------------------------------------------------ 2. mint
  n.step("A minter mints into the reserve through the supply controller; a mint over the attested reserves is refused");
  const minter = SomSupplyController__factory.connect(rec("SomSupplyController"), s(ACCOUNT.minter));
  const reserveBefore = await coin.balanceOf(safe);
  n.tx(`mint ${fmt(som("1000000.00"))} into the reserve Safe`, await (await minter.mint(som("1000000.00"))).wait());
  n.expect(
    (await coin.balanceOf(safe)) === reserveBefore + som("1000000.00"),
    `the reserve holds ${fmt(await coin.balanceOf(safe))}`,
  );
  const tooMuch = reserves - (await coin.totalSupply()) + 1n;
  const refusal = await expectRevert(minter.mint(tooMuch), coin.interface);
  n.expect(
    refusal.startsWith("SomStablecoinMintExceedsReserves"),
    `minting ${fmt(tooMuch)} more is refused: ${refusal}`,
  );
}

/** Steps 3 and 4: a distribution to holder A; A pays a fresh holder B by EIP-3009. Returns B's key. */
export async function distributeAndPay(c: JobContext): Promise<HDNodeWallet> {
  const { n, coin, som, fmt, custody, s, addr, now, chainId } = c;
  const { ethers } = c.hre;
  // ------------------------------------------------------------------ 3. distribute
  n.step(
    "Custodians propose, sign offline (as files) and execute a distribution to a licensed commercial bank (holder A)",
  );
  const holderA = addr(ACCOUNT.holderA);
  await custody(`send ${fmt(som("250000.00"))} to holder A`, [
    { action: "distribute", contract: "SomStablecoin", args: [holderA, "250000.00"] },
  ]);
  n.expect((await coin.balanceOf(holderA)) >= som("250000.00"), `holder A holds ${fmt(await coin.balanceOf(holderA))}`);

  // ------------------------------------------------------------------ 4. EIP-3009
  n.step("Holder A pays holder B by EIP-3009 authorization, relayed by a third account");
  const holderBKey = Wallet.createRandom().connect(ethers.provider);
  const holderB = holderBKey.address;
  n.tx(
    `fund a fresh holder B ${holderB} with gas money`,
    await (await s(ACCOUNT.funder).sendTransaction({ to: holderB, value: parseDecimal("1", 18) })).wait(),
  );
  const bBefore = await coin.balanceOf(holderB);
  const t = await now();
  const authNonce = randomAuthorizationNonce();
  const auth = await signTransferWithAuthorization(
    localWallet(ACCOUNT.holderA),
    { name: await coin.name(), chainId, verifyingContract: await coin.getAddress() },
    { from: holderA, to: holderB, value: som("10000.00"), validAfter: 0n, validBefore: t + 3600n, nonce: authNonce },
  );
  const relayed = await coin
    .connect(s(ACCOUNT.relayer))
    ["transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"](
      holderA,
      holderB,
      som("10000.00"),
      0n,
      t + 3600n,
      authNonce,
      auth.v,
      auth.r,
      auth.s,
    );
  n.tx(`relayer ${addr(ACCOUNT.relayer)} submits A's signed authorization`, await relayed.wait());
  n.expect((await coin.balanceOf(holderB)) === bBefore + som("10000.00"), `holder B received ${fmt(som("10000.00"))}`);
  return holderBKey;
}

/** Steps 5 and 6: holder B frozen and wiped under a court order; holder A redeems. */
export async function freezeWipeAndRedeem(c: JobContext, holderBKey: HDNodeWallet): Promise<void> {
  const { n, coin, fmt, som, custody, s, addr, safe } = c;
  const holderA = addr(ACCOUNT.holderA);
  const holderB = holderBKey.address;
  // ------------------------------------------------------------------ 5. freeze and wipe
  n.step(
    "A court orders holder B frozen; the officer freezes at once, B cannot transfer; " +
      "the wipe with the order's reference is the Safe's, after the guard's delay",
  );
  const officer = coin.connect(s(ACCOUNT.officer));
  n.tx("compliance officer freezes holder B (instant: protective)", await (await officer.freeze(holderB)).wait());
  const blocked = await expectRevert(coin.connect(holderBKey).transfer(holderA, 1n), coin.interface);
  n.expect(blocked.startsWith("SomStablecoinAccountFrozen"), `B's transfer fails: ${blocked}`);
  const order = "KG-COURT-2026-117";
  const officerWipe = await expectRevert(
    officer.wipeFrozen.staticCall(holderB, encodeBytes32String(order)),
    coin.interface,
  );
  n.expect(
    officerWipe.startsWith("AccessControlUnauthorizedAccount"),
    `the officer's key cannot wipe (DEFAULT_ADMIN_ROLE, the Safe's alone): ${officerWipe}`,
  );
  // The wipe destroys a balance: a delayed call of the Safe, announced to the ReserveGuard and waited out first
  // (the custodian cycle below announces it and passes the delay).
  const wiped = await coin.balanceOf(holderB);
  const supplyBeforeWipe = await coin.totalSupply();
  await custody(`wipe ${fmt(wiped)} of holder B under legal order ${order}`, [
    { action: "wipe", contract: "SomStablecoin", args: { account: holderB, legalOrderRef: order } },
  ]);
  n.expect(
    (await coin.balanceOf(holderB)) === 0n &&
      (await coin.totalSupply()) === supplyBeforeWipe - wiped &&
      (await coin.isFrozen(holderB)),
    "B's balance is 0, B stays frozen and the supply fell by the wiped amount",
  );

  // ------------------------------------------------------------------ 6. redemption
  n.step("Holder A redeems: sends tokens back to the reserve, the reserve burns them with a redemption reference");
  const redeem = som("50000.00");
  n.tx(
    `holder A returns ${fmt(redeem)} to the reserve`,
    await (await coin.connect(s(ACCOUNT.holderA)).transfer(safe, redeem)).wait(),
  );
  const supplyBeforeBurn = await coin.totalSupply();
  await custody(`burn ${fmt(redeem)} for redemption REDEEM-2026-0001`, [
    { action: "burn", contract: "SomStablecoin", args: ["50000.00", "REDEEM-2026-0001"] },
  ]);
  n.expect(
    (await coin.totalSupply()) === supplyBeforeBurn - redeem,
    `supply fell by ${fmt(redeem)} to ${fmt(await coin.totalSupply())}`,
  );
}
