/**
 * The slice of the AttestationRegistry ABI the tools use, human-readable, so the CLIs run without a
 * compile step. test/attestation/library.test.ts checks every fragment against the compiled artifact.
 */
import { Contract } from "ethers";
import type { ContractRunner } from "ethers";

export const REPORT_TUPLE = "(bytes32 subject,uint256 value,uint64 asOf,bytes32 docHash,string uri)";

export const ATTESTATION_REGISTRY_ABI = [
  `function submitReport(${REPORT_TUPLE} report, address[] signers, bytes[] signatures)`,
  `function reportDigest(${REPORT_TUPLE} report) view returns (bytes32)`,
  `function currentReport(bytes32 subject) view returns (${REPORT_TUPLE})`,
  "function latestRound(bytes32 subject) view returns (uint64 roundId, uint256 value, uint64 asOf)",
  "function roundData(bytes32 subject, uint64 roundId) view returns (uint256 value, uint64 asOf)",
  "function subjectConfig(bytes32 subject) view returns ((uint64 maxAge, uint16 maxChangeBps, address listener))",
  "function isFresh(bytes32 subject) view returns (bool)",
  "function isAttestor(address account) view returns (bool)",
  "function threshold() view returns (uint256)",
  "function valueDecimals() view returns (uint8)",
  // errors, so that a rejected submission is decoded by name
  "error AttestationReportFromFuture(uint64 asOf, uint256 timestamp, uint64 maxFutureSkew)",
  "error AttestationReportNotNewer(uint64 asOf, uint64 currentAsOf)",
  "error AttestationReportTooOld(uint64 asOf, uint64 maxAge, uint256 timestamp)",
  "error AttestationSubjectNotConfigured(bytes32 subject)",
  "error AttestationSignersNotSorted(address previous, address signer)",
  "error AttestationDuplicateSigner(address signer)",
  "error AttestationNotAttestor(address signer)",
  "error AttestationInvalidSignature(address signer)",
  "error AttestationQuorumNotReached(uint256 count, uint256 threshold)",
  "error AttestationSignatureCountMismatch(uint256 signers, uint256 signatures)",
  "error AttestationValueChangeOutOfBounds(uint256 oldValue, uint256 newValue, uint16 maxChangeBps)",
] as const;

/** An ethers Contract for the registry at `address` with {@link ATTESTATION_REGISTRY_ABI}. */
export function registryAt(address: string, runner: ContractRunner): Contract {
  return new Contract(address, ATTESTATION_REGISTRY_ABI, runner);
}
