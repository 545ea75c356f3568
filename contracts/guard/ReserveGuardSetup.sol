// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ISafeGuardManager} from "./interfaces/ISafeGuardManager.sol";

/**
 * @title ReserveGuardSetup
 * @notice Installs a guard on a new Safe inside its creation transaction. A new Safe's `setup` makes one
 *         delegatecall; a MultiSendCallOnly batch cannot call the Safe's own `setGuard` because the Safe's
 *         address depends on the setup data (CREATE2), so the batch cannot name it. Delegatecalled by
 *         `setup`, this contract runs as the Safe: it calls `address(this).setGuard(guard)` (a self-call,
 *         authorized) and then delegatecalls the chain's canonical MultiSendCallOnly with the hand-over
 *         batch. It holds no state and is useless outside a delegatecall.
 */
contract ReserveGuardSetup {
    /// @notice The chain's canonical MultiSendCallOnly (the only contract this setup delegatecalls).
    address public immutable MULTI_SEND_CALL_ONLY;
    /// @dev This contract's own address, to refuse direct calls.
    address private immutable SELF;

    /// @notice Called directly instead of by a Safe's delegatecall.
    error OnlyDelegateCall();
    /// @notice The hand-over batch reverted.
    error BatchFailed();
    /// @notice Zero guard.
    error NoGuard();
    /// @notice A MultiSendCallOnly address without code.
    error NotAContract(address account);

    /**
     * @notice Binds the setup to the chain's canonical MultiSendCallOnly.
     * @param multiSendCallOnly The chain's canonical MultiSendCallOnly v1.4.1.
     */
    constructor(address multiSendCallOnly) {
        if (multiSendCallOnly.code.length == 0) revert NotAContract(multiSendCallOnly);
        MULTI_SEND_CALL_ONLY = multiSendCallOnly;
        SELF = address(this);
    }

    /**
     * @notice Delegatecalled by a new Safe's `setup`: installs `guard`, then runs `multiSendData` (a
     *         `multiSend(bytes)` call of MultiSendCallOnly; empty = no batch).
     * @param guard The guard to install.
     * @param multiSendData Calldata for MultiSendCallOnly, or empty.
     */
    function setupGuard(address guard, bytes calldata multiSendData) external {
        if (address(this) == SELF) revert OnlyDelegateCall();
        if (guard == address(0)) revert NoGuard();
        ISafeGuardManager(address(this)).setGuard(guard);
        if (multiSendData.length != 0) {
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, ) = MULTI_SEND_CALL_ONLY.delegatecall(multiSendData);
            if (!ok) revert BatchFailed();
        }
    }
}
