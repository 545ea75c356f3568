/**
 * The local test accounts of Hardhat's default mnemonic, as Wallets: on `hardhat` and `localhost`
 * only (the main job and tests sign offline with them, as custodians and attestors do with keystores).
 * These keys are public; never use them on a real network.
 */
import { HDNodeWallet, Wallet } from "ethers";

export const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

/** Local account `index` (the same as `hre.ethers.getSigners()[index]` on a default Hardhat chain). */
export function localAccountWallet(index: number): Wallet {
  return new Wallet(HDNodeWallet.fromPhrase(HARDHAT_MNEMONIC, undefined, `m/44'/60'/0'/0/${index}`).privateKey);
}
