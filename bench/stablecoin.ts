/**
 * Gas of the som stablecoin, measured like ../shared/anchors/gas.md: receipt gasUsed, each
 * operation its own transaction, through the UUPS proxy, cold storage, fresh chain.
 */
import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { GasSnapshot } from "../src/gas/snapshot";
import { gasOf, type GasSuite } from "../src/gas/suite";
import { signPermit, signTransferWithAuthorization } from "../src/stablecoin/signatures";
import type { SomStablecoin } from "../typechain-types";

import { SOM_RESERVES } from "../src/common/constants";
import { stablecoinInitArgs } from "../src/stablecoin/deploy";

async function deployToken(hre: HardhatRuntimeEnvironment, contract: string): Promise<SomStablecoin> {
  const { ethers, upgrades } = hre;
  const [admin, , , reserve] = await ethers.getSigners();
  const feed = await ethers.deployContract("AttestedValueSourceMock", [2]);
  const now = (await ethers.provider.getBlock("latest"))?.timestamp ?? 0;
  await feed.setReport(SOM_RESERVES, 10n ** 15n, now);
  const token = (await upgrades.deployProxy(
    await ethers.getContractFactory(contract),
    stablecoinInitArgs({ name: "Som Stablecoin", symbol: "KGSC", decimals: 2, admin: admin.address, adminTransferDelay: 3 * 24 * 3600, reserve: reserve.address, reserveFeed: await feed.getAddress(), maxReserveAge: 2 * 24 * 3600 }),
    { kind: "uups" },
  )) as unknown as SomStablecoin;
  return token;
}

async function measure(hre: HardhatRuntimeEnvironment): Promise<GasSnapshot> {
  const { ethers } = hre;
  const [admin, minterAdmin, minter, reserve, alice, bob, carol, relayer, compliance] = await ethers.getSigners();
  const amount = 12_345n;
  const setUp = async (contract: string): Promise<SomStablecoin> => {
    const token = await deployToken(hre, contract);
    await token.connect(admin).grantRole(await token.MINTER_ADMIN_ROLE(), minterAdmin.address);
    await token.connect(admin).grantRole(await token.BURNER_ROLE(), reserve.address);
    await token.connect(admin).grantRole(await token.COMPLIANCE_ROLE(), compliance.address);
    await token.connect(minterAdmin).configureMinter(minter.address, 10n ** 12n);
    await token.connect(minter).mint(10n ** 9n);
    return token;
  };

  const figures: GasSnapshot = {};
  const token = await setUp("SomStablecoin");
  // holders that already hold tokens
  for (const holder of [alice, bob, carol]) await token.connect(reserve).transfer(holder.address, 10n ** 6n);

  figures["stablecoin.mint"] = await gasOf(token.connect(minter).mint(amount));
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
  for (const [i, key] of [[0n, ""], [1n, "stablecoin.permit"]] as const) {
    const value = 1_000n + i;
    const sig = await signPermit(carol, domain, {
      owner: carol.address, spender: bob.address, value, nonce: i, deadline,
    });
    const gas = await gasOf(
      token.connect(relayer)["permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"](
        carol.address, bob.address, value, deadline, sig.v, sig.r, sig.s,
      ),
    );
    if (key) figures[key] = gas;
  }

  const nonce = ethers.id("bench-authorization-1");
  const auth = { from: carol.address, to: alice.address, value: amount, validAfter: 0n, validBefore: deadline, nonce };
  const authSig = await signTransferWithAuthorization(carol, domain, auth);
  figures["stablecoin.transferWithAuthorization"] = await gasOf(
    token.connect(relayer)[
      "transferWithAuthorization(address,address,uint256,uint256,uint256,bytes32,uint8,bytes32,bytes32)"
    ](auth.from, auth.to, auth.value, auth.validAfter, auth.validBefore, auth.nonce, authSig.v, authSig.r, authSig.s),
  );

  figures["stablecoin.burn"] = await gasOf(token.connect(reserve).burn(amount, ethers.id("redemption-1")));
  figures["stablecoin.freeze"] = await gasOf(token.connect(compliance).freeze(bob.address));

  // the same mint without the reserve check: the difference is what the check costs
  const unchecked = await setUp("SomStablecoinNoReserveCheckMock");
  figures["stablecoin.mint.noReserveCheck"] = await gasOf(unchecked.connect(minter).mint(amount));
  return figures;
}

export const stablecoinGasSuite: GasSuite = { name: "stablecoin", measure };
