// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAttestedValueSource} from "../attestation/interfaces/IAttestedValueSource.sol";

/**
 * @title AssetValuationSourceMock
 * @notice TEST ONLY. A minimal M-of-N attestation registry behind {IAttestedValueSource}: a report
 * becomes the subject's latest only once `threshold` distinct attestors submitted the same
 * (subject, value, asOf, docHash). Fresh while `block.timestamp <= asOf + maxAge`.
 */
contract AssetValuationSourceMock is IAttestedValueSource {
    struct Report {
        uint256 value;
        uint64 asOf;
        bytes32 docHash;
    }

    uint256 public immutable threshold;
    uint64 public immutable maxAge;
    mapping(address => bool) public isAttestor;
    mapping(bytes32 => Report) private _latest;
    mapping(bytes32 => uint256) public approvals;
    mapping(bytes32 => mapping(address => bool)) public approved;

    constructor(address[] memory attestors, uint256 threshold_, uint64 maxAge_) {
        for (uint256 i = 0; i < attestors.length; ++i) isAttestor[attestors[i]] = true;
        threshold = threshold_;
        maxAge = maxAge_;
    }

    function attest(bytes32 subject, uint256 value, uint64 asOf, bytes32 docHash) external {
        require(isAttestor[msg.sender], "not attestor");
        bytes32 digest = keccak256(abi.encode(subject, value, asOf, docHash));
        require(!approved[digest][msg.sender], "already attested");
        approved[digest][msg.sender] = true;
        if (++approvals[digest] == threshold) _latest[subject] = Report(value, asOf, docHash);
    }

    function latestReport(bytes32 subject) external view returns (uint256, uint64, bytes32) {
        Report memory r = _latest[subject];
        return (r.value, r.asOf, r.docHash);
    }

    function isFresh(bytes32 subject) external view returns (bool) {
        uint64 asOf = _latest[subject].asOf;
        return asOf != 0 && block.timestamp <= asOf + maxAge;
    }

    function valueDecimals() external pure returns (uint8) {
        return 2;
    }
}
