// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/**
 * @title IReserveCallRule
 * @notice A rule the ReserveGuard consults for every call a guarded Safe makes: a top-level CALL
 *         of `execTransaction`, and each entry of a MultiSendCallOnly batch. A rule reverts (with
 *         its own custom error) to refuse the call; returning means allowed.
 * @dev    Example: the distribution rule, which lets stablecoin leave the reserve Safe only to an
 *         eligible licensed counterparty. The guard holds at most one rule per Safe; installing,
 *         replacing or removing it is a guard configuration change and, like every such change,
 *         must be announced and wait out the Safe's delay.
 */
interface IReserveCallRule {
    /**
     * @notice Reverts if `safe` may not call `to` with `value` and `data`.
     * @param safe The guarded Safe making the call.
     * @param to The call's target.
     * @param value Native value sent with the call.
     * @param data The call's calldata.
     */
    function checkCall(address safe, address to, uint256 value, bytes calldata data) external view;
}
