// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/**
 * @title ISafeGuardManager
 * @notice Safe v1.4.1 GuardManager.setGuard (callable only by the Safe itself).
 */
interface ISafeGuardManager {
    /**
     * @notice Sets the Safe's transaction guard.
     * @param guard The guard (zero = none).
     */
    function setGuard(address guard) external;
}
