// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/**
 * @title ISafeOwners
 * @notice The one Safe v1.4.1 view the ReserveGuard reads (OwnerManager.isOwner).
 */
interface ISafeOwners {
    /**
     * @notice Whether `owner` is an owner of the Safe.
     * @param owner The account.
     * @return True if `owner` is an owner.
     */
    function isOwner(address owner) external view returns (bool);
}
