import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import {
  HOLDER_BALANCE,
  SIG_FORMS,
  callCancelAuthorization,
  callReceiveWithAuthorization,
  callTransferWithAuthorization,
  deployStablecoinFixture,
  inOneHour,
} from "./fixture";
import {
  randomAuthorizationNonce,
  signCancelAuthorization,
  signReceiveWithAuthorization,
  signTransferWithAuthorization,
} from "../../src/stablecoin/signatures";

async function authFor(from: string, to: string, value = 100n) {
  return { from, to, value, validAfter: 0n, validBefore: await inOneHour(), nonce: randomAuthorizationNonce() };
}

describe("stablecoin: EIP-3009 authorizations", function () {
  for (const form of SIG_FORMS) {
    describe(`with the ${form} overload`, function () {
      it("transferWithAuthorization moves funds, marks the nonce used and emits AuthorizationUsed", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const auth = await authFor(alice.address, bob.address);
        expect(await token.authorizationState(alice.address, auth.nonce)).to.equal(false);
        const sig = await signTransferWithAuthorization(alice, domain, auth);
        await expect(callTransferWithAuthorization(token, relayer, auth, sig, form))
          .to.emit(token, "AuthorizationUsed")
          .withArgs(alice.address, auth.nonce)
          .and.to.emit(token, "Transfer")
          .withArgs(alice.address, bob.address, 100n);
        expect(await token.authorizationState(alice.address, auth.nonce)).to.equal(true);
        expect(await token.balanceOf(bob.address)).to.equal(HOLDER_BALANCE + 100n);
      });

      it("receiveWithAuthorization works for the payee and only for the payee", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const auth = await authFor(alice.address, bob.address);
        const sig = await signReceiveWithAuthorization(alice, domain, auth);
        await expect(callReceiveWithAuthorization(token, relayer, auth, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinCallerNotPayee")
          .withArgs(relayer.address, bob.address);
        await expect(callReceiveWithAuthorization(token, bob, auth, sig, form))
          .to.emit(token, "AuthorizationUsed")
          .withArgs(alice.address, auth.nonce);
        expect(await token.balanceOf(bob.address)).to.equal(HOLDER_BALANCE + 100n);
      });

      it("a receive signature is not a transfer signature (distinct type hashes)", async function () {
        const { token, alice, bob, domain } = await loadFixture(deployStablecoinFixture);
        const auth = await authFor(alice.address, bob.address);
        const sig = await signTransferWithAuthorization(alice, domain, auth);
        await expect(callReceiveWithAuthorization(token, bob, auth, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
          .withArgs(alice.address);
      });

      it("rejects a wrong signer", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const auth = await authFor(alice.address, bob.address);
        const sig = await signTransferWithAuthorization(bob, domain, auth, { allowOtherSigner: true });
        await expect(callTransferWithAuthorization(token, relayer, auth, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
          .withArgs(alice.address);
      });

      it("rejects an authorization not yet valid and an expired one", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const now = BigInt(await time.latest());
        const early = {
          ...(await authFor(alice.address, bob.address)),
          validAfter: now + 100n,
          validBefore: now + 200n,
        };
        // the block's time differs from the bound, so that the error's two arguments are told apart
        // (mutation testing: SomStablecoin:swap-args:L236:6e66d32f, SomStablecoin:swap-args:L237:84a039a9)
        await time.setNextBlockTimestamp(now + 90n);
        await expect(
          callTransferWithAuthorization(
            token,
            relayer,
            early,
            await signTransferWithAuthorization(alice, domain, early),
            form,
          ),
        )
          .to.be.revertedWithCustomError(token, "SomStablecoinAuthorizationNotYetValid")
          .withArgs(now + 100n, now + 90n);
        const late = { ...(await authFor(alice.address, bob.address)), validAfter: 0n, validBefore: now + 150n };
        await time.setNextBlockTimestamp(now + 160n);
        await expect(
          callTransferWithAuthorization(
            token,
            relayer,
            late,
            await signTransferWithAuthorization(alice, domain, late),
            form,
          ),
        )
          .to.be.revertedWithCustomError(token, "SomStablecoinAuthorizationExpired")
          .withArgs(now + 150n, now + 160n);
      });

      it("rejects a replayed authorization", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const auth = await authFor(alice.address, bob.address);
        const sig = await signTransferWithAuthorization(alice, domain, auth);
        await callTransferWithAuthorization(token, relayer, auth, sig, form);
        await expect(callTransferWithAuthorization(token, relayer, auth, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinAuthorizationUsedOrCanceled")
          .withArgs(alice.address, auth.nonce);
      });

      it("rejects an authorization signed for another chain id", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const auth = await authFor(alice.address, bob.address);
        const sig = await signTransferWithAuthorization(alice, { ...domain, chainId: 56n }, auth);
        await expect(callTransferWithAuthorization(token, relayer, auth, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
          .withArgs(alice.address);
      });

      it("cancelAuthorization makes the authorization unusable; a second cancel reverts", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const auth = await authFor(alice.address, bob.address);
        const cancel = await signCancelAuthorization(alice, domain, { authorizer: alice.address, nonce: auth.nonce });
        await expect(callCancelAuthorization(token, relayer, alice.address, auth.nonce, cancel, form))
          .to.emit(token, "AuthorizationCanceled")
          .withArgs(alice.address, auth.nonce);
        expect(await token.authorizationState(alice.address, auth.nonce)).to.equal(true);
        const sig = await signTransferWithAuthorization(alice, domain, auth);
        await expect(callTransferWithAuthorization(token, relayer, auth, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinAuthorizationUsedOrCanceled")
          .withArgs(alice.address, auth.nonce);
        await expect(callCancelAuthorization(token, relayer, alice.address, auth.nonce, cancel, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinAuthorizationUsedOrCanceled")
          .withArgs(alice.address, auth.nonce);
      });

      it("cancelAuthorization rejects a wrong signer", async function () {
        const { token, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const nonce = randomAuthorizationNonce();
        const sig = await signCancelAuthorization(
          bob,
          domain,
          { authorizer: alice.address, nonce },
          { allowOtherSigner: true },
        );
        await expect(callCancelAuthorization(token, relayer, alice.address, nonce, sig, form))
          .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
          .withArgs(alice.address);
      });

      it("accepts ERC-1271 signatures of a contract wallet for transfer, receive and cancel", async function () {
        const { token, reserve, alice, bob, relayer, domain } = await loadFixture(deployStablecoinFixture);
        const wallet = await ethers.deployContract("ERC1271WalletMock", [alice.address]);
        const from = await wallet.getAddress();
        await token.connect(reserve).transfer(from, 1_000n);
        const opts = { allowOtherSigner: true };

        const t = await authFor(from, bob.address);
        await callTransferWithAuthorization(
          token,
          relayer,
          t,
          await signTransferWithAuthorization(alice, domain, t, opts),
          form,
        );
        const r = await authFor(from, bob.address);
        await callReceiveWithAuthorization(
          token,
          bob,
          r,
          await signReceiveWithAuthorization(alice, domain, r, opts),
          form,
        );
        expect(await token.balanceOf(from)).to.equal(800n);
        const nonce = randomAuthorizationNonce();
        const c = await signCancelAuthorization(alice, domain, { authorizer: from, nonce }, opts);
        await expect(callCancelAuthorization(token, relayer, from, nonce, c, form))
          .to.emit(token, "AuthorizationCanceled")
          .withArgs(from, nonce);

        await wallet.setAccepting(false);
        const refused = await authFor(from, bob.address);
        await expect(
          callTransferWithAuthorization(
            token,
            relayer,
            refused,
            await signTransferWithAuthorization(alice, domain, refused, opts),
            form,
          ),
        )
          .to.be.revertedWithCustomError(token, "SomStablecoinInvalidSignature")
          .withArgs(from);
      });
    });
  }
});
