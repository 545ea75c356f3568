// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControlDefaultAdminRulesUpgradeable} from
    "@openzeppelin/contracts-upgradeable/access/extensions/AccessControlDefaultAdminRulesUpgradeable.sol";
import {EIP712Upgradeable} from "@openzeppelin/contracts-upgradeable/utils/cryptography/EIP712Upgradeable.sol";
import {UUPSUpgradeable} from "@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

import {IAttestationListener} from "./interfaces/IAttestationListener.sol";
import {IAttestationRegistry} from "./interfaces/IAttestationRegistry.sol";
import {IAttestedValueSource} from "./interfaces/IAttestedValueSource.sol";

/**
 * @title AttestationRegistry
 * @notice M-of-N attested reports (reserves, asset valuations): see {IAttestationRegistry}.
 * @dev UUPS proxy, ERC-7201 namespaced storage. Roles: the default admin (two-step, delayed; the reserve
 * Safe in deployment) manages attestors, threshold, skew, subjects and bound overrides; UPGRADER_ROLE
 * authorizes upgrades. Submitting is permissionless: the signatures are the authorization.
 */
contract AttestationRegistry is
    IAttestationRegistry,
    AccessControlDefaultAdminRulesUpgradeable,
    EIP712Upgradeable,
    UUPSUpgradeable
{
    using EnumerableSet for EnumerableSet.AddressSet;

    /// @notice Role allowed to upgrade the implementation.
    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");

    /// @inheritdoc IAttestationRegistry
    bytes32 public constant SOM_RESERVES = bytes32("SOM_RESERVES");

    /// @notice EIP-712 type hash of {IAttestationRegistry-Report}.
    // The EIP-712 type string is longer than 32 bytes by nature; it is hashed at compile time.
    bytes32 public constant REPORT_TYPEHASH =
        // solhint-disable-next-line gas-small-strings
        keccak256("Report(bytes32 subject,uint256 value,uint64 asOf,bytes32 docHash,string uri)");

    /// @notice Largest attestor set (bounds the {attestors} view and keeps quorum checks cheap).
    uint256 public constant MAX_ATTESTORS = 32;

    /// @notice Largest allowed future skew of a report's asOf: one hour.
    uint64 public constant MAX_FUTURE_SKEW_LIMIT = 1 hours;

    /// @notice Smallest threshold on every chain: a quorum of one is a single key.
    uint256 public constant MIN_THRESHOLD = 2;

    /// @notice Time over which a subject's change bound applies in full (see {_accept}).
    uint64 public constant BOUND_WINDOW = 1 days;

    /// @notice Largest reportable value: values are stored in 192 bits (and always fit int256).
    uint256 public constant MAX_VALUE = type(uint192).max;

    uint256 private constant _BPS = 10_000;

    /// @dev One accepted report of a subject, in one slot (value below 2^192).
    struct Round {
        uint192 value;
        uint64 asOf;
    }

    /**
     * @dev A subject's policy, current report and round history. `asOf`, `roundId`, `maxAge`, `maxChangeBps`,
     * `acceptedAt` and `hasUri` (the current report has a URI) share one slot; the current value is
     * `rounds[roundId].value`, so a submission writes one new history slot instead of overwriting a value slot.
     */
    struct SubjectRecord {
        uint64 asOf;
        uint64 roundId;
        uint64 maxAge;
        uint16 maxChangeBps;
        uint40 acceptedAt;
        bool hasUri;
        address listener;
        bytes32 docHash;
        string uri;
        mapping(uint64 roundId => Round) rounds;
    }

    /// @dev On-chain approvals of one report digest under one attestor-set version.
    struct Approvals {
        uint256 count;
        mapping(address attestor => bool) approved;
    }

    /// @custom:storage-location erc7201:somreserve.storage.AttestationRegistry
    struct AttestationRegistryStorage {
        EnumerableSet.AddressSet attestors;
        uint16 threshold;
        uint64 attestorSetVersion;
        uint64 maxFutureSkew;
        uint8 valueDecimals;
        mapping(bytes32 subject => SubjectRecord) subjects;
        mapping(bytes32 digest => bool) outOfBoundsAllowed;
        mapping(bytes32 digest => mapping(uint64 version => Approvals)) approvals;
    }

    // keccak256(abi.encode(uint256(keccak256("somreserve.storage.AttestationRegistry")) - 1)) & ~bytes32(uint256(0xff))
    bytes32 private constant ATTESTATION_REGISTRY_STORAGE_LOCATION =
        0xe00052e3677e1e48383962d20d8ccdb13bc6d5e0ab06df605d95038912943400;

    /// @custom:oz-upgrades-unsafe-allow constructor
    constructor() {
        _disableInitializers();
    }

    /**
     * @notice Initializes the proxy.
     * @param admin the default admin (the reserve Safe); also granted UPGRADER_ROLE.
     * @param adminTransferDelay delay of a default-admin transfer (two-step).
     * @param decimals_ decimals of every reported value (fixed for the registry's life).
     * @param initialAttestors the attestors (nonzero, distinct, at most {MAX_ATTESTORS}).
     * @param threshold_ distinct attestors a report needs ({MIN_THRESHOLD}..N).
     * @param maxFutureSkew_ allowed future skew of a report's asOf (at most {MAX_FUTURE_SKEW_LIMIT}).
     */
    function initialize(
        address admin,
        uint48 adminTransferDelay,
        uint8 decimals_,
        address[] calldata initialAttestors,
        uint256 threshold_,
        uint64 maxFutureSkew_
    ) external initializer {
        if (admin == address(0)) revert AttestationZeroAddress();
        __AccessControlDefaultAdminRules_init(adminTransferDelay, admin);
        // Stores the same constants {_EIP712Name} and {_EIP712Version} return (kept consistent for upgrades).
        __EIP712_init(_EIP712Name(), _EIP712Version());
        _grantRole(UPGRADER_ROLE, admin);
        AttestationRegistryStorage storage $ = _getAttestationRegistryStorage();
        $.valueDecimals = decimals_;
        for (uint256 i = 0; i < initialAttestors.length; ++i) {
            _addAttestor($, initialAttestors[i]);
        }
        _setThreshold($, threshold_);
        _setMaxFutureSkew($, maxFutureSkew_);
    }

    // ------------------------------------------------------------------ administration

    /// @inheritdoc IAttestationRegistry
    function addAttestor(address attestor) external onlyRole(DEFAULT_ADMIN_ROLE) {
        AttestationRegistryStorage storage $ = _getAttestationRegistryStorage();
        _addAttestor($, attestor);
        _bumpVersion($);
    }

    /// @inheritdoc IAttestationRegistry
    function removeAttestor(address attestor) external onlyRole(DEFAULT_ADMIN_ROLE) {
        AttestationRegistryStorage storage $ = _getAttestationRegistryStorage();
        if (!$.attestors.remove(attestor)) revert AttestationNotAttestor(attestor);
        uint256 count = $.attestors.length();
        if (count < $.threshold) revert AttestationInvalidThreshold($.threshold, count);
        emit AttestorRemoved(attestor);
        _bumpVersion($);
    }

    /// @inheritdoc IAttestationRegistry
    function setThreshold(uint256 newThreshold) external onlyRole(DEFAULT_ADMIN_ROLE) {
        AttestationRegistryStorage storage $ = _getAttestationRegistryStorage();
        _setThreshold($, newThreshold);
        _bumpVersion($);
    }

    /// @inheritdoc IAttestationRegistry
    function setMaxFutureSkew(uint64 newSkew) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setMaxFutureSkew(_getAttestationRegistryStorage(), newSkew);
    }

    /// @inheritdoc IAttestationRegistry
    function configureSubject(
        bytes32 subject,
        uint64 maxAge,
        uint16 maxChangeBps,
        address listener
    ) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (subject == bytes32(0)) revert AttestationInvalidSubject();
        if (maxAge == 0) revert AttestationInvalidMaxAge(subject);
        if (maxChangeBps > _BPS) revert AttestationInvalidMaxChangeBps(maxChangeBps, uint16(_BPS));
        if (listener != address(0) && listener.code.length == 0) revert AttestationInvalidListener(listener);
        SubjectRecord storage s = _getAttestationRegistryStorage().subjects[subject];
        SubjectConfig memory oldConfig = SubjectConfig(s.maxAge, s.maxChangeBps, s.listener);
        s.maxAge = maxAge;
        s.maxChangeBps = maxChangeBps;
        s.listener = listener;
        emit SubjectConfigUpdated(subject, oldConfig, SubjectConfig(maxAge, maxChangeBps, listener));
    }

    /// @inheritdoc IAttestationRegistry
    function allowOutOfBoundsReport(bytes32 digest) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _getAttestationRegistryStorage().outOfBoundsAllowed[digest] = true;
        emit OutOfBoundsReportAllowed(digest);
    }

    // ------------------------------------------------------------------ reports

    /// @inheritdoc IAttestationRegistry
    function submitReport(Report calldata report, address[] calldata signers, bytes[] calldata signatures) external {
        AttestationRegistryStorage storage $ = _getAttestationRegistryStorage();
        uint256 count = signers.length;
        if (count != signatures.length) revert AttestationSignatureCountMismatch(count, signatures.length);
        uint256 threshold_ = $.threshold;
        if (count < threshold_) revert AttestationQuorumNotReached(count, threshold_);
        SubjectRecord storage s = $.subjects[report.subject];
        _checkTiming($, s, report);
        bytes32 digest = _reportDigest(report);
        address previous = address(0);
        for (uint256 i = 0; i < count; ++i) {
            address signer = signers[i];
            // Strictly ascending: equal means duplicate, smaller means unsorted.
            // solhint-disable-next-line gas-strict-inequalities
            if (i != 0 && signer <= previous) {
                if (signer == previous) revert AttestationDuplicateSigner(signer);
                revert AttestationSignersNotSorted(previous, signer);
            }
            if (!$.attestors.contains(signer)) revert AttestationNotAttestor(signer);
            if (!SignatureChecker.isValidSignatureNowCalldata(signer, digest, signatures[i])) {
                revert AttestationInvalidSignature(signer);
            }
            previous = signer;
        }
        _accept($, s, report, digest);
    }

    /// @inheritdoc IAttestationRegistry
    function approveReport(Report calldata report) external {
        AttestationRegistryStorage storage $ = _getAttestationRegistryStorage();
        if (!$.attestors.contains(msg.sender)) revert AttestationNotAttestor(msg.sender);
        SubjectRecord storage s = $.subjects[report.subject];
        _checkTiming($, s, report);
        bytes32 digest = _reportDigest(report);
        Approvals storage a = $.approvals[digest][$.attestorSetVersion];
        if (a.approved[msg.sender]) revert AttestationAlreadyApproved(digest, msg.sender);
        a.approved[msg.sender] = true;
        uint256 approvals = ++a.count;
        uint256 threshold_ = $.threshold;
        emit ReportApproved(digest, report.subject, msg.sender, approvals, threshold_);
        // The tally restarts on every threshold change, so it meets the threshold exactly; >= is defensive.
        // solhint-disable-next-line gas-strict-inequalities
        if (approvals >= threshold_) _accept($, s, report, digest);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IAttestedValueSource
    function latestReport(bytes32 subject) external view returns (uint256 value, uint64 asOf, bytes32 docHash) {
        SubjectRecord storage s = _getAttestationRegistryStorage().subjects[subject];
        return (s.rounds[s.roundId].value, s.asOf, s.docHash);
    }

    /// @inheritdoc IAttestedValueSource
    function isFresh(bytes32 subject) external view returns (bool) {
        SubjectRecord storage s = _getAttestationRegistryStorage().subjects[subject];
        // Fresh while no more than maxAge old (inclusive, the same bound {submitReport} accepts).
        // solhint-disable-next-line gas-strict-inequalities
        return s.roundId != 0 && uint256(s.asOf) + s.maxAge >= block.timestamp;
    }

    /// @inheritdoc IAttestedValueSource
    function valueDecimals() external view returns (uint8) {
        return _getAttestationRegistryStorage().valueDecimals;
    }

    /// @inheritdoc IAttestationRegistry
    function reportDigest(Report calldata report) external view returns (bytes32) {
        return _reportDigest(report);
    }

    /// @inheritdoc IAttestationRegistry
    function attestors() external view returns (address[] memory) {
        return _getAttestationRegistryStorage().attestors.values();
    }

    /// @inheritdoc IAttestationRegistry
    function isAttestor(address account) external view returns (bool) {
        return _getAttestationRegistryStorage().attestors.contains(account);
    }

    /// @inheritdoc IAttestationRegistry
    function threshold() external view returns (uint256) {
        return _getAttestationRegistryStorage().threshold;
    }

    /// @inheritdoc IAttestationRegistry
    function attestorSetVersion() external view returns (uint64) {
        return _getAttestationRegistryStorage().attestorSetVersion;
    }

    /// @inheritdoc IAttestationRegistry
    function maxFutureSkew() external view returns (uint64) {
        return _getAttestationRegistryStorage().maxFutureSkew;
    }

    /// @inheritdoc IAttestationRegistry
    function subjectConfig(bytes32 subject) external view returns (SubjectConfig memory) {
        SubjectRecord storage s = _getAttestationRegistryStorage().subjects[subject];
        return SubjectConfig(s.maxAge, s.maxChangeBps, s.listener);
    }

    /// @inheritdoc IAttestationRegistry
    function currentReport(bytes32 subject) external view returns (Report memory) {
        SubjectRecord storage s = _getAttestationRegistryStorage().subjects[subject];
        return Report(subject, s.rounds[s.roundId].value, s.asOf, s.docHash, s.uri);
    }

    /// @inheritdoc IAttestationRegistry
    function latestRound(bytes32 subject) external view returns (uint64 roundId, uint256 value, uint64 asOf) {
        SubjectRecord storage s = _getAttestationRegistryStorage().subjects[subject];
        uint64 roundId_ = s.roundId;
        return (roundId_, s.rounds[roundId_].value, s.asOf);
    }

    /// @inheritdoc IAttestationRegistry
    function roundData(bytes32 subject, uint64 roundId) external view returns (uint256 value, uint64 asOf) {
        Round storage r = _getAttestationRegistryStorage().subjects[subject].rounds[roundId];
        return (r.value, r.asOf);
    }

    /// @inheritdoc IAttestationRegistry
    function approvalCount(bytes32 digest) external view returns (uint256) {
        AttestationRegistryStorage storage $ = _getAttestationRegistryStorage();
        return $.approvals[digest][$.attestorSetVersion].count;
    }

    /// @inheritdoc IAttestationRegistry
    function hasApproved(bytes32 digest, address attestor) external view returns (bool) {
        AttestationRegistryStorage storage $ = _getAttestationRegistryStorage();
        return $.approvals[digest][$.attestorSetVersion].approved[attestor];
    }

    /// @inheritdoc IAttestationRegistry
    function isOutOfBoundsReportAllowed(bytes32 digest) external view returns (bool) {
        return _getAttestationRegistryStorage().outOfBoundsAllowed[digest];
    }

    // ------------------------------------------------------------------ internal

    /// @dev Upgrades need UPGRADER_ROLE.
    // The role check in the modifier is the whole authorization.
    // solhint-disable-next-line no-empty-blocks
    function _authorizeUpgrade(address) internal override onlyRole(UPGRADER_ROLE) {}

    /// @dev EIP-712 name as a constant: no storage read per digest.
    // Name fixed by the OpenZeppelin hook being overridden.
    // solhint-disable-next-line func-name-mixedcase
    function _EIP712Name() internal pure override returns (string memory) {
        return "SomReserveAttestation";
    }

    /// @dev EIP-712 version as a constant.
    // Name fixed by the OpenZeppelin hook being overridden.
    // solhint-disable-next-line func-name-mixedcase
    function _EIP712Version() internal pure override returns (string memory) {
        return "1";
    }

    // ------------------------------------------------------------------ private

    function _addAttestor(AttestationRegistryStorage storage $, address attestor) private {
        if (attestor == address(0)) revert AttestationZeroAddress();
        if (!$.attestors.add(attestor)) revert AttestationAttestorAlreadyAdded(attestor);
        if ($.attestors.length() > MAX_ATTESTORS) revert AttestationTooManyAttestors(MAX_ATTESTORS);
        emit AttestorAdded(attestor);
    }

    function _setThreshold(AttestationRegistryStorage storage $, uint256 newThreshold) private {
        uint256 count = $.attestors.length();
        if (newThreshold < MIN_THRESHOLD) revert AttestationThresholdBelowMinimum(newThreshold, MIN_THRESHOLD);
        if (newThreshold > count) revert AttestationInvalidThreshold(newThreshold, count);
        emit ThresholdUpdated($.threshold, newThreshold);
        // newThreshold <= MAX_ATTESTORS, so the narrowing is lossless.
        $.threshold = uint16(newThreshold);
    }

    function _setMaxFutureSkew(AttestationRegistryStorage storage $, uint64 newSkew) private {
        if (newSkew > MAX_FUTURE_SKEW_LIMIT) revert AttestationInvalidFutureSkew(newSkew, MAX_FUTURE_SKEW_LIMIT);
        emit MaxFutureSkewUpdated($.maxFutureSkew, newSkew);
        $.maxFutureSkew = newSkew;
    }

    function _bumpVersion(AttestationRegistryStorage storage $) private {
        uint64 oldVersion = $.attestorSetVersion;
        $.attestorSetVersion = oldVersion + 1;
        emit AttestorSetVersionUpdated(oldVersion, oldVersion + 1);
    }

    /// @dev Subject configured; asOf not beyond the skew, newer than the current report, within the maximum age.
    function _checkTiming(
        AttestationRegistryStorage storage $,
        SubjectRecord storage s,
        Report calldata report
    ) private view {
        uint64 maxAge = s.maxAge;
        if (maxAge == 0) revert AttestationSubjectNotConfigured(report.subject);
        if (report.value > MAX_VALUE) revert AttestationValueTooLarge(report.value, MAX_VALUE);
        uint64 asOf = report.asOf;
        uint64 skew = $.maxFutureSkew;
        if (asOf > block.timestamp + skew) revert AttestationReportFromFuture(asOf, block.timestamp, skew);
        uint64 currentAsOf = s.asOf;
        // Not newer includes equal: the same asOf twice would be a replay or a competing figure.
        // solhint-disable-next-line gas-strict-inequalities
        if (asOf <= currentAsOf) revert AttestationReportNotNewer(asOf, currentAsOf);
        if (uint256(asOf) + maxAge < block.timestamp) revert AttestationReportTooOld(asOf, maxAge, block.timestamp);
    }

    /**
     * @dev Applies the change bound, stores the report as a new round, emits, then tells the listener
     * (interaction last). The bound is scaled by the time since the previous acceptance: a report accepted
     * `dt` seconds after the previous one may move the value by at most
     * `floor(old * maxChangeBps * min(dt, BOUND_WINDOW) / (10_000 * BOUND_WINDOW))`. Any sequence of reports
     * therefore moves the value by at most a factor exp(maxChangeBps/10_000 * elapsed / BOUND_WINDOW) upwards
     * over `elapsed` seconds, and never more than `maxChangeBps` in one report (docs/attestation.md).
     */
    function _accept(
        AttestationRegistryStorage storage $,
        SubjectRecord storage s,
        Report calldata report,
        bytes32 digest
    ) private {
        uint64 roundId = s.roundId;
        uint256 oldValue = s.rounds[roundId].value;
        uint256 newValue = report.value;
        uint16 maxChangeBps = s.maxChangeBps;
        if (maxChangeBps != 0 && roundId != 0) {
            uint256 elapsed = block.timestamp - s.acceptedAt;
            if (elapsed > BOUND_WINDOW) elapsed = BOUND_WINDOW;
            uint256 change = newValue > oldValue ? newValue - oldValue : oldValue - newValue;
            if (change > Math.mulDiv(oldValue, maxChangeBps * elapsed, _BPS * BOUND_WINDOW)) {
                if (!$.outOfBoundsAllowed[digest]) {
                    revert AttestationValueChangeOutOfBounds(oldValue, newValue, maxChangeBps);
                }
                delete $.outOfBoundsAllowed[digest];
                emit OutOfBoundsReportAccepted(report.subject, digest, oldValue, newValue);
            }
        }
        ++roundId;
        // newValue <= MAX_VALUE (checked in _checkTiming), so the narrowing is lossless.
        s.rounds[roundId] = Round({value: uint192(newValue), asOf: report.asOf});
        s.asOf = report.asOf;
        s.roundId = roundId;
        s.acceptedAt = uint40(block.timestamp);
        s.docHash = report.docHash;
        // The URI slot is touched only when the new or the current report has one.
        bool hasUri = bytes(report.uri).length != 0;
        if (hasUri || s.hasUri) s.uri = report.uri;
        s.hasUri = hasUri;
        emit ReportAccepted(report.subject, roundId, oldValue, newValue, report.asOf, report.docHash, digest, report.uri);
        address listener = s.listener;
        if (listener != address(0)) IAttestationListener(listener).attestationUpdated(report.subject);
    }

    function _reportDigest(Report calldata report) private view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    REPORT_TYPEHASH,
                    report.subject,
                    report.value,
                    report.asOf,
                    report.docHash,
                    keccak256(bytes(report.uri))
                )
            )
        );
    }

    function _getAttestationRegistryStorage() private pure returns (AttestationRegistryStorage storage $) {
        // ERC-7201: point the storage struct at its namespaced slot.
        // solhint-disable-next-line no-inline-assembly
        assembly {
            $.slot := ATTESTATION_REGISTRY_STORAGE_LOCATION
        }
    }
}
