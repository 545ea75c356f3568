// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IReserveCallRule} from "../guard/interfaces/IReserveCallRule.sol";

/**
 * @title ReserveCallRuleMock
 * @notice Test only: refuses every call to one blocked target, or (when `refuseAll`) every call.
 */
contract ReserveCallRuleMock is IReserveCallRule {
    /// @notice Refused target.
    error TargetBlocked(address safe, address to, uint256 value, bytes data);

    /// @notice The target this rule refuses.
    address public immutable BLOCKED;
    /// @notice Whether every call is refused.
    bool public immutable REFUSE_ALL;

    /**
     * @param blocked The refused target.
     * @param refuseAll Refuse every call.
     */
    constructor(address blocked, bool refuseAll) {
        BLOCKED = blocked;
        REFUSE_ALL = refuseAll;
    }

    /// @inheritdoc IReserveCallRule
    function checkCall(address safe, address to, uint256 value, bytes calldata data) external view {
        if (REFUSE_ALL || to == BLOCKED) revert TargetBlocked(safe, to, value, data);
    }
}
