// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/**
 * @title ReserveGuardEventsMock
 * @notice Test double of the ReserveGuard's announcement events and views (the names agreed for
 * contracts/guard/ReserveGuard.sol), so the reserve report's guard reader is tested before the guard
 * itself is merged. Not a guard: it enforces nothing.
 */
contract ReserveGuardEventsMock {
    /// @notice A call was announced for `safe`.
    event CallAnnounced(
        address indexed safe,
        bytes32 indexed callHash,
        address to,
        uint256 value,
        bytes data,
        uint8 operation,
        uint64 executableAt,
        uint64 expiresAt,
        address announcer
    );
    /// @notice An announcement was cancelled.
    event AnnouncementCancelled(address indexed safe, bytes32 indexed callHash);
    /// @notice An announced call was executed.
    event AnnouncedCallExecuted(address indexed safe, bytes32 indexed callHash);

    mapping(address safe => uint64 delay) private _delay;

    /// @notice Sets the delay `delayOf` returns.
    function setDelay(address safe, uint64 delay) external {
        _delay[safe] = delay;
    }

    /// @notice Emits CallAnnounced with a hash like the guard's.
    function announce(address safe, address to, uint256 value, bytes calldata data, uint8 operation, uint64 executableAt, uint64 expiresAt) external {
        emit CallAnnounced(safe, callHash(safe, to, value, data, operation), to, value, data, operation, executableAt, expiresAt, msg.sender);
    }

    /// @notice Emits AnnouncementCancelled.
    function cancel(address safe, bytes32 hash) external {
        emit AnnouncementCancelled(safe, hash);
    }

    /// @notice Emits AnnouncedCallExecuted.
    function executed(address safe, bytes32 hash) external {
        emit AnnouncedCallExecuted(safe, hash);
    }

    /// @notice The delay of `safe`.
    function delayOf(address safe) external view returns (uint64) {
        return _delay[safe];
    }

    /// @notice No call rule.
    function callRuleOf(address) external pure returns (address) {
        return address(0);
    }

    /// @notice Hash of a call.
    function callHash(address safe, address to, uint256 value, bytes calldata data, uint8 operation) public pure returns (bytes32) {
        return keccak256(abi.encode(safe, to, value, keccak256(data), operation));
    }
}
