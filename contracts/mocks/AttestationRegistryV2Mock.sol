// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AttestationRegistry} from "../attestation/AttestationRegistry.sol";

/// @notice TEST ONLY. A V2 implementation that adds a function and keeps every byte of V1 storage.
/// @custom:oz-upgrades-from contracts/attestation/AttestationRegistry.sol:AttestationRegistry
/// @custom:oz-upgrades-unsafe-allow missing-initializer
contract AttestationRegistryV2Mock is AttestationRegistry {
    event RegistryV2Initialized();

    function initializeV2() external reinitializer(2) {
        emit RegistryV2Initialized();
    }

    function registryVersion() external pure returns (string memory) {
        return "2";
    }
}
