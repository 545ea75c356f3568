/**
 * Collects signature files for one report, checks them against the report and the registry, sorts
 * the signers ascending and submits. Every problem is reported before any transaction is sent.
 */
import { Contract, getAddress } from "ethers";
import type { Provider, Signer, TransactionReceipt } from "ethers";
import { registryAt } from "./abi";
import { AttestationInputError, reportDigest, reportValue } from "./report";
import type { ReportForRegistry } from "./report";
import { isEcdsaSignature, recoverReportSigner } from "./sign";
import type { SignatureFile } from "./sign";
import { RpcTimeoutError, describeRevert, withTimeout } from "../chain";

const ERC1271_MAGIC = "0x1626ba7e";
const ERC1271_ABI = ["function isValidSignature(bytes32 hash, bytes signature) view returns (bytes4)"];

/** Signers and signatures in the order `submitReport` takes them (strictly ascending signer). */
export interface OrderedSignatures {
  signers: string[];
  signatures: string[];
}

/**
 * Checks offline what can be checked offline and orders the signatures: each file covers this report's
 * digest, no signer appears twice, and every ECDSA signature recovers to its signer. Signatures that are
 * not plain ECDSA by the named signer are returned in `needsContractCheck` (ERC-1271 attestors).
 */
export function orderSignatures(
  r: ReportForRegistry,
  sigs: SignatureFile[],
): OrderedSignatures & { needsContractCheck: SignatureFile[] } {
  const digest = reportDigest(r).toLowerCase();
  const seen = new Set<string>();
  const needsContractCheck: SignatureFile[] = [];
  for (const s of sigs) {
    const signer = getAddress(s.signer);
    if (s.digest.toLowerCase() !== digest) {
      throw new AttestationInputError(
        `signature of ${signer} covers digest ${s.digest}, but this report's digest is ${digest} ` +
          `(different report, chain or registry)`,
      );
    }
    if (seen.has(signer)) throw new AttestationInputError(`two signatures from ${signer}`);
    seen.add(signer);
    const recovered = isEcdsaSignature(s.signature) ? recoverReportSigner(r, s.signature) : undefined;
    if (recovered !== signer) needsContractCheck.push(s);
  }
  const sorted = [...sigs].sort((a, b) => {
    const x = BigInt(a.signer);
    const y = BigInt(b.signer);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return {
    signers: sorted.map((s) => getAddress(s.signer)),
    signatures: sorted.map((s) => s.signature),
    needsContractCheck,
  };
}

/** Checks with the chain: ERC-1271 signatures valid, every signer an attestor, quorum reached, chain id right. */
export async function checkWithRegistry(
  r: ReportForRegistry,
  ordered: OrderedSignatures & { needsContractCheck: SignatureFile[] },
  provider: Provider,
): Promise<void> {
  const network = await withTimeout(provider.getNetwork(), "eth_chainId");
  if (network.chainId !== r.chainId) {
    throw new AttestationInputError(`the report is for chain ${r.chainId}, but the RPC is chain ${network.chainId}`);
  }
  const registry = registryAt(r.registry, provider);
  const digest = reportDigest(r);
  for (const s of ordered.needsContractCheck) {
    const code = await withTimeout(provider.getCode(s.signer), `code of ${s.signer}`);
    if (code === "0x") throw new AttestationInputError(`signature of ${s.signer} does not recover to ${s.signer}`);
    const wallet = new Contract(s.signer, ERC1271_ABI, provider);
    const magic: string = await withTimeout(
      wallet.isValidSignature(digest, s.signature) as Promise<string>,
      `isValidSignature of ${s.signer}`,
    ).catch(() => "0x");
    if (magic !== ERC1271_MAGIC)
      throw new AttestationInputError(`contract attestor ${s.signer} rejects its signature (ERC-1271)`);
  }
  for (const signer of ordered.signers) {
    if (!(await withTimeout(registry.isAttestor(signer), `isAttestor(${signer})`)))
      throw new AttestationInputError(`${signer} is not an attestor of ${r.registry}`);
  }
  const threshold: bigint = await withTimeout(registry.threshold(), "threshold()");
  if (BigInt(ordered.signers.length) < threshold) {
    throw new AttestationInputError(`${ordered.signers.length} signature(s), the registry needs ${threshold}`);
  }
}

/** Checks every signature file, then submits the report with `sender` and returns the receipt. */
export async function submitSignedReport(
  r: ReportForRegistry,
  sigs: SignatureFile[],
  sender: Signer,
): Promise<TransactionReceipt> {
  const provider = sender.provider;
  if (!provider) throw new AttestationInputError("the submitting signer has no provider (RPC)");
  const ordered = orderSignatures(r, sigs);
  await checkWithRegistry(r, ordered, provider);
  const registry = registryAt(r.registry, sender);
  const args = [reportValue(r.report), ordered.signers, ordered.signatures] as const;
  try {
    await withTimeout(registry.submitReport.staticCall(...args), "simulation of submitReport");
  } catch (err) {
    if (err instanceof RpcTimeoutError) throw err;
    throw new AttestationInputError(`the registry rejects the report: ${describeRevert(err)}`);
  }
  const tx = await withTimeout(registry.submitReport(...args), "sending submitReport");
  const receipt: TransactionReceipt | null = await withTimeout(tx.wait(), `receipt of ${tx.hash}`, 120_000);
  if (!receipt) throw new Error(`internal: no receipt for ${tx.hash}`);
  return receipt;
}

/** Reverts are described by the kernel's one chain-error mapping (src/chain/chainErrors.ts). */
export { describeRevert };
