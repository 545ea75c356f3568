// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/**
 * @title SafeSingletonOverwriterMock
 * @notice Test only: the February 2025 shape. Delegatecalled by a Safe, it overwrites storage slot 0
 *         (the proxy's singleton) with an attacker's implementation.
 */
contract SafeSingletonOverwriterMock {
    /**
     * @notice Writes `implementation` into slot 0 of the caller's storage (when delegatecalled).
     * @param implementation The attacker's implementation.
     */
    function overwrite(address implementation) external {
        // solhint-disable-next-line no-inline-assembly
        assembly {
            sstore(0, implementation)
        }
    }
}
