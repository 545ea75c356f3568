import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { SIG_FORMS, callPermit, deployStablecoinFixture, inOneHour } from "./fixture";
import { TypedDataEncoder } from "ethers";
import { buildDomain, signPermit } from "../../src/stablecoin/signatures";
import type { ERC1271WalletMock } from "../../typechain-types";

describe("stablecoin: EIP-2612 permit", function () {
  it("DOMAIN_SEPARATOR is the EIP-712 domain for the current chain id and the proxy", async function () {
    const { token, domain } = await loadFixture(deployStablecoinFixture);
    expect(await token.DOMAIN_SEPARATOR()).to.equal(TypedDataEncoder.hashDomain(buildDomain(domain)));
  });

  for (const form of SIG_FORMS) {
    describe(`with the ${form} overload`, function () {
      it("sets the allowance, bumps the nonce, emits Approval; the spender can then transferFrom", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const args = { owner: alice.address, spender: bob.address, value: 300n, deadline: await inOneHour() };
        const sig = await signPermit(alice, domain, { ...args, nonce: 0n });
        await expect(callPermit(token, relayer, args, sig, form))
          .to.emit(token, "Approval")
          .withArgs(alice.address, bob.address, 300n);
        expect(await token.allowance(alice.address, bob.address)).to.equal(300n);
        expect(await token.nonces(alice.address)).to.equal(1n);
        await token.connect(bob).transferFrom(alice.address, bob.address, 300n);
      });

      it("rejects a wrong signer", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const args = { owner: alice.address, spender: bob.address, value: 1n, deadline: await inOneHour() };
        const sig = await signPermit(bob, domain, { ...args, nonce: 0n }, { allowOtherSigner: true });
        await expect(callPermit(token, relayer, args, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
          .withArgs(alice.address);
      });

      it("rejects an expired permit, accepts one at its deadline", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const deadline = BigInt(await time.latest()) + 100n;
        const args = { owner: alice.address, spender: bob.address, value: 1n, deadline };
        const sig = await signPermit(alice, domain, { ...args, nonce: 0n });
        await time.setNextBlockTimestamp(deadline + 1n);
        await expect(callPermit(token, relayer, args, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinPermitExpired")
          .withArgs(deadline, deadline + 1n);
        const args2 = { ...args, deadline: deadline + 10n };
        await time.setNextBlockTimestamp(deadline + 10n);
        await callPermit(token, relayer, args2, await signPermit(alice, domain, { ...args2, nonce: 0n }), form);
      });

      it("rejects a replayed permit", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const args = { owner: alice.address, spender: bob.address, value: 1n, deadline: await inOneHour() };
        const sig = await signPermit(alice, domain, { ...args, nonce: 0n });
        await callPermit(token, relayer, args, sig, form);
        await expect(callPermit(token, relayer, args, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
          .withArgs(alice.address);
      });

      it("rejects a permit signed for another chain id", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const args = { owner: alice.address, spender: bob.address, value: 1n, deadline: await inOneHour() };
        const sig = await signPermit(alice, { ...domain, chainId: 1n }, { ...args, nonce: 0n });
        await expect(callPermit(token, relayer, args, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
          .withArgs(alice.address);
      });

      it("accepts a valid ERC-1271 signature of a contract wallet and rejects one the wallet refuses", async function () {
        const { token, reserve, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const wallet: ERC1271WalletMock = await ethers.deployContract("ERC1271WalletMock", [alice.address]);
        const owner = await wallet.getAddress();
        await token.connect(reserve).transfer(owner, 1_000n);
        const args = { owner, spender: bob.address, value: 250n, deadline: await inOneHour() };
        const sig = await signPermit(alice, domain, { ...args, nonce: 0n }, { allowOtherSigner: true });
        await expect(callPermit(token, relayer, args, sig, form))
          .to.emit(token, "Approval")
          .withArgs(owner, bob.address, 250n);
        await token.connect(bob).transferFrom(owner, bob.address, 250n);

        await wallet.setAccepting(false);
        const sig2 = await signPermit(alice, domain, { ...args, nonce: 1n }, { allowOtherSigner: true });
        await expect(callPermit(token, relayer, args, sig2, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
          .withArgs(owner);
      });
    });
  }

  it("rejects a malformed bytes signature", async function () {
    const { token, alice, bob, relayer } = await loadFixture(deployStablecoinFixture);
    const args = { owner: alice.address, spender: bob.address, value: 1n, deadline: await inOneHour() };
    await expect(
      token
        .connect(relayer)
        ["permit(address,address,uint256,uint256,bytes)"](args.owner, args.spender, 1n, args.deadline, "0x1234"),
    )
      .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
      .withArgs(alice.address);
  });
});
