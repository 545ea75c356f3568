// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAttestationListener} from "../attestation/interfaces/IAttestationListener.sol";

/// @notice TEST ONLY. A listener that always reverts (the submission must revert with it).
contract RevertingAttestationListenerMock is IAttestationListener {
    error ListenerRejected(bytes32 subject);

    function attestationUpdated(bytes32 subject) external pure {
        revert ListenerRejected(subject);
    }
}
