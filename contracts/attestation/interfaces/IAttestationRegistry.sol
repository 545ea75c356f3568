// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// Event values are read from the log data; only the lookup keys (subject, digest, attestor, round) are indexed.
// solhint-disable gas-indexed-events

import {IAttestedValueSource} from "./IAttestedValueSource.sol";

/**
 * @title IAttestationRegistry
 * @notice M-of-N reserve and valuation attestations. A set of attestors (central bank, custodian bank,
 * external auditor, ...) sign reports off chain with EIP-712; a report becomes current for its subject
 * only when `threshold` distinct attestors signed exactly the same (subject, value, asOf, docHash, uri).
 * No single attestor can move a figure.
 * @dev EIP-712 domain: name "SomReserveAttestation", version "1", the chain id and the registry proxy as
 * verifying contract, so a report signed for another chain or another registry never verifies here.
 * Type: `Report(bytes32 subject,uint256 value,uint64 asOf,bytes32 docHash,string uri)`. The URI is part
 * of the signed data so nobody can attach a different URI to signed figures.
 *
 * Subjects must be configured by the admin (with a nonzero maximum age) before reports are accepted.
 * On-chain approvals ({approveReport}) count only under the attestor set and threshold they were given
 * under: every attestor or threshold change bumps {attestorSetVersion} and starts every pending tally
 * afresh, so a removed attestor's approvals never count.
 */
interface IAttestationRegistry is IAttestedValueSource {
    /**
     * @notice A report: the figure attestors sign.
     * @param subject `bytes32("SOM_RESERVES")` for the stablecoin's bank reserves, or an asset id.
     * @param value the attested value in som minor units scaled by {valueDecimals}.
     * @param asOf the time (seconds since epoch) the figure is valid at.
     * @param docHash hash of the underlying document (bank statement, audit report, appraisal).
     * @param uri optional location of the document (may be empty); signed too.
     */
    struct Report {
        bytes32 subject;
        uint256 value;
        uint64 asOf;
        bytes32 docHash;
        string uri;
    }

    /**
     * @notice Per-subject policy.
     * @param maxAge how old (seconds) the report may be to count as fresh; also the oldest report accepted.
     * Zero means "not configured": reports for the subject are rejected.
     * @param maxChangeBps the most the value may move per day (BOUND_WINDOW), in basis points of the previous
     * value, scaled by the time since the previous acceptance (0 = unbounded; docs/attestation.md).
     * @param listener contract called with {IAttestationListener-attestationUpdated} in the transaction that
     * makes a report current (zero = none).
     */
    struct SubjectConfig {
        uint64 maxAge;
        uint16 maxChangeBps;
        address listener;
    }

    // ---------------------------------------------------------------- events

    /// @notice `attestor` joined the attestor set.
    event AttestorAdded(address indexed attestor);

    /// @notice `attestor` left the attestor set.
    event AttestorRemoved(address indexed attestor);

    /// @notice The number of distinct attestors a report needs changed.
    event ThresholdUpdated(uint256 oldThreshold, uint256 newThreshold);

    /// @notice The attestor set or threshold changed; pending on-chain approvals of older versions stop counting.
    event AttestorSetVersionUpdated(uint64 oldVersion, uint64 newVersion);

    /// @notice How far in the future (seconds) a report's asOf may lie changed.
    event MaxFutureSkewUpdated(uint64 oldSkew, uint64 newSkew);

    /// @notice The policy of `subject` changed.
    event SubjectConfigUpdated(bytes32 indexed subject, SubjectConfig oldConfig, SubjectConfig newConfig);

    /**
     * @notice A report became current for `subject`.
     * @param subject the report subject.
     * @param roundId the subject's report counter (1 for its first report).
     * @param oldValue the value of the previous report (0 for the first).
     * @param newValue the value now current.
     * @param asOf the report's as-of time.
     * @param docHash the report's document hash.
     * @param digest the EIP-712 digest the attestors signed.
     * @param uri the report's document URI.
     */
    event ReportAccepted(
        bytes32 indexed subject,
        uint64 indexed roundId,
        uint256 oldValue,
        uint256 newValue,
        uint64 asOf,
        bytes32 docHash,
        bytes32 digest,
        string uri
    );

    /// @notice `attestor` approved the report with `digest` on chain; `approvals` of `threshold` so far.
    event ReportApproved(
        bytes32 indexed digest,
        bytes32 indexed subject,
        address indexed attestor,
        uint256 approvals,
        uint256 threshold
    );

    /// @notice The admin allowed the report with `digest` to break its subject's change bound once.
    event OutOfBoundsReportAllowed(bytes32 indexed digest);

    /// @notice The admin's out-of-bounds allowance for `digest` was used by a report that moved `oldValue` to `newValue`.
    event OutOfBoundsReportAccepted(bytes32 indexed subject, bytes32 indexed digest, uint256 oldValue, uint256 newValue);

    // ---------------------------------------------------------------- errors: reports

    /// @notice The report's asOf lies further in the future than the allowed skew.
    error AttestationReportFromFuture(uint64 asOf, uint256 timestamp, uint64 maxFutureSkew);

    /// @notice The report's asOf is not after the current report's asOf (stale or replayed report).
    error AttestationReportNotNewer(uint64 asOf, uint64 currentAsOf);

    /// @notice The report was already older than the subject's maximum age when submitted.
    error AttestationReportTooOld(uint64 asOf, uint64 maxAge, uint256 timestamp);

    /// @notice Reports for `subject` are not accepted: the admin has not configured it.
    error AttestationSubjectNotConfigured(bytes32 subject);

    /// @notice Signers must be strictly ascending: `signer` came after `previous`.
    error AttestationSignersNotSorted(address previous, address signer);

    /// @notice `signer` appears twice.
    error AttestationDuplicateSigner(address signer);

    /// @notice `signer` is not an attestor.
    error AttestationNotAttestor(address signer);

    /// @notice The signature given for `signer` does not verify (ECDSA or ERC-1271) against the report digest.
    error AttestationInvalidSignature(address signer);

    /// @notice `count` signatures or approvals, `threshold` needed.
    error AttestationQuorumNotReached(uint256 count, uint256 threshold);

    /// @notice `signers` and `signatures` differ in length.
    error AttestationSignatureCountMismatch(uint256 signers, uint256 signatures);

    /// @notice The value moved from `oldValue` to `newValue`, more than `maxChangeBps` allows for the time elapsed.
    error AttestationValueChangeOutOfBounds(uint256 oldValue, uint256 newValue, uint16 maxChangeBps);

    /// @notice `value` is above the largest reportable value `max` (2^192 - 1).
    error AttestationValueTooLarge(uint256 value, uint256 max);

    /// @notice `attestor` already approved the report with `digest` under the current attestor set.
    error AttestationAlreadyApproved(bytes32 digest, address attestor);

    // ---------------------------------------------------------------- errors: configuration

    /// @notice The zero address cannot be an attestor or admin.
    error AttestationZeroAddress();

    /// @notice `attestor` is already an attestor.
    error AttestationAttestorAlreadyAdded(address attestor);

    /// @notice The attestor set cannot grow beyond `max` members.
    error AttestationTooManyAttestors(uint256 max);

    /// @notice The threshold must not exceed the number of attestors.
    error AttestationInvalidThreshold(uint256 threshold, uint256 attestorCount);

    /// @notice The threshold must be at least `minimum` (2) on every chain: a quorum of one is one key.
    error AttestationThresholdBelowMinimum(uint256 threshold, uint256 minimum);

    /// @notice The future skew cannot exceed `max` seconds.
    error AttestationInvalidFutureSkew(uint64 skew, uint64 max);

    /// @notice A subject's maximum age must be nonzero.
    error AttestationInvalidMaxAge(bytes32 subject);

    /// @notice A subject's change bound above 10,000 bps (100 %) per day is meaningless: a report could then move the
    /// value by more than the whole previous value.
    error AttestationInvalidMaxChangeBps(uint16 maxChangeBps, uint16 max);

    /// @notice The zero subject is reserved.
    error AttestationInvalidSubject();

    /// @notice `listener` has no code: calling it would make every submission for the subject revert.
    error AttestationInvalidListener(address listener);

    // ---------------------------------------------------------------- attestor administration

    /**
     * @notice Adds `attestor` to the set. Pending on-chain approvals stop counting (version bump).
     * Requirements: caller is the admin; `attestor` is nonzero, not yet an attestor; the set stays within the maximum.
     */
    function addAttestor(address attestor) external;

    /**
     * @notice Removes `attestor`; its signatures and pending approvals no longer count.
     * Requirements: caller is the admin; `attestor` is an attestor; the set keeps at least `threshold` members.
     */
    function removeAttestor(address attestor) external;

    /**
     * @notice Sets how many distinct attestors a report needs. Pending on-chain approvals stop counting.
     * Requirements: caller is the admin; 2 (MIN_THRESHOLD) <= `newThreshold` <= number of attestors.
     */
    function setThreshold(uint256 newThreshold) external;

    /**
     * @notice Sets how far (seconds) a report's asOf may lie after the block timestamp (clock skew).
     * Requirements: caller is the admin; `newSkew` <= {MAX_FUTURE_SKEW_LIMIT}.
     */
    function setMaxFutureSkew(uint64 newSkew) external;

    /**
     * @notice Sets the policy of `subject`.
     * Requirements: caller is the admin; `subject` nonzero; `maxAge` nonzero; `maxChangeBps` at most 10,000;
     * `listener` zero or a contract.
     * @param subject the subject.
     * @param maxAge fresh window and oldest acceptable report, in seconds.
     * @param maxChangeBps largest move per day, in basis points of the previous value, scaled by the time since
     * the previous acceptance and never more than this in one report (0 = any).
     * @param listener contract told of every new report (zero = none).
     */
    function configureSubject(bytes32 subject, uint64 maxAge, uint16 maxChangeBps, address listener) external;

    /**
     * @notice Lets the report with `digest` break its subject's change bound, once (consumed when accepted).
     * The report still needs a full quorum of attestors.
     * Requirements: caller is the admin.
     */
    function allowOutOfBoundsReport(bytes32 digest) external;

    // ---------------------------------------------------------------- reports

    /**
     * @notice Makes `report` current with signatures from at least `threshold` distinct attestors. Anyone may call.
     * @dev Signers must be strictly ascending. Each signature is checked with OpenZeppelin SignatureChecker:
     * a 65-byte ECDSA signature for an externally owned attestor, anything its `isValidSignature` accepts for
     * an ERC-1271 attestor (e.g. a custodian's Safe). Calls the subject's listener, if any.
     * Requirements: every rule of the registry (see the errors).
     * @param report the report.
     * @param signers the attestors who signed, strictly ascending.
     * @param signatures their signatures over {reportDigest}, in the same order.
     */
    function submitReport(Report calldata report, address[] calldata signers, bytes[] calldata signatures) external;

    /**
     * @notice The calling attestor approves `report` on chain. When approvals under the current attestor
     * set reach `threshold`, the report becomes current in this same transaction.
     * Requirements: caller is an attestor that has not yet approved this report under the current set;
     * the report passes the timing rules (checked again with the bound when it becomes current).
     */
    function approveReport(Report calldata report) external;

    // ---------------------------------------------------------------- views

    /// @notice Subject of the stablecoin's bank reserves: `bytes32("SOM_RESERVES")`.
    // solhint-disable-next-line func-name-mixedcase
    function SOM_RESERVES() external view returns (bytes32);

    /// @notice The EIP-712 digest attestors sign for `report`.
    function reportDigest(Report calldata report) external view returns (bytes32);

    /// @notice The current attestors, in no particular order.
    function attestors() external view returns (address[] memory);

    /// @notice Whether `account` is an attestor.
    function isAttestor(address account) external view returns (bool);

    /// @notice Distinct attestors a report needs.
    function threshold() external view returns (uint256);

    /// @notice Counter bumped on every attestor or threshold change; on-chain approvals are keyed by it.
    function attestorSetVersion() external view returns (uint64);

    /// @notice How far in the future (seconds) a report's asOf may lie.
    function maxFutureSkew() external view returns (uint64);

    /// @notice The policy of `subject`.
    function subjectConfig(bytes32 subject) external view returns (SubjectConfig memory);

    /// @notice The full current report of `subject` (zeros and empty URI if none).
    function currentReport(bytes32 subject) external view returns (Report memory);

    /// @notice The current report's round (report counter, 0 if none), value and asOf, for aggregator adapters.
    function latestRound(bytes32 subject) external view returns (uint64 roundId, uint256 value, uint64 asOf);

    /// @notice Value and asOf of round `roundId` of `subject` (one round per accepted report; zeros if none).
    function roundData(bytes32 subject, uint64 roundId) external view returns (uint256 value, uint64 asOf);

    /// @notice On-chain approvals of the report with `digest` under the current attestor set.
    function approvalCount(bytes32 digest) external view returns (uint256);

    /// @notice Whether `attestor` approved the report with `digest` under the current attestor set.
    function hasApproved(bytes32 digest, address attestor) external view returns (bool);

    /// @notice Whether the admin allowed the report with `digest` to break its bound (not yet used).
    function isOutOfBoundsReportAllowed(bytes32 digest) external view returns (bool);
}
