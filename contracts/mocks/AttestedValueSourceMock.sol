// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAttestationListener} from "../attestation/interfaces/IAttestationListener.sol";
import {IAttestedValueSource} from "../attestation/interfaces/IAttestedValueSource.sol";

/**
 * @title AttestedValueSourceMock
 * @notice TEST ONLY. An attestation source whose reports are set directly, with settable decimals;
 * `setReportAndNotify` also calls a listener's `attestationUpdated` like the registry does.
 */
contract AttestedValueSourceMock is IAttestedValueSource {
    struct Report {
        uint256 value;
        uint64 asOf;
        bytes32 docHash;
    }

    uint8 public decimals;
    uint64 public maxAge = type(uint64).max;
    mapping(bytes32 subject => Report) public reports;

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    function setDecimals(uint8 decimals_) external {
        decimals = decimals_;
    }

    function setReport(bytes32 subject, uint256 value, uint64 asOf) public {
        reports[subject] = Report(value, asOf, keccak256(abi.encode(subject, value, asOf)));
    }

    function setReportAndNotify(bytes32 subject, uint256 value, uint64 asOf, IAttestationListener listener) external {
        setReport(subject, value, asOf);
        listener.attestationUpdated(subject);
    }

    function latestReport(bytes32 subject) external view returns (uint256 value, uint64 asOf, bytes32 docHash) {
        Report memory r = reports[subject];
        return (r.value, r.asOf, r.docHash);
    }

    function isFresh(bytes32 subject) external view returns (bool) {
        uint64 asOf = reports[subject].asOf;
        return asOf != 0 && block.timestamp - asOf <= maxAge;
    }

    function valueDecimals() external view returns (uint8) {
        return decimals;
    }
}
