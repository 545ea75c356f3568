// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAttestationListener} from "../attestation/interfaces/IAttestationListener.sol";
import {IAttestedValueSource} from "../attestation/interfaces/IAttestedValueSource.sol";

/**
 * @title AttestationListenerMock
 * @notice TEST ONLY. Caches the attested value like the stablecoin does: pulls the report from the
 * registry and does one SSTORE. Used by the tests and the gas suite (realistic listener cost).
 */
contract AttestationListenerMock is IAttestationListener {
    IAttestedValueSource public immutable source;
    uint256 public cachedValue;

    constructor(IAttestedValueSource source_) {
        source = source_;
    }

    function attestationUpdated(bytes32 subject) external {
        (uint256 value, , ) = source.latestReport(subject);
        cachedValue = value;
    }
}
