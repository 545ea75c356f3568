// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";

/**
 * @title PermitFrontRunVictimMock
 * @notice TEST ONLY. An integrator that pulls tokens with a permit in one call, written both ways:
 * {depositWithPermit} wraps `permit` in try/catch (the recommended pattern: if someone already
 * submitted the same permit from the mempool, the allowance is there and the deposit goes on),
 * {depositWithPermitNaive} does not (a front-runner who submits the permit first makes it revert:
 * griefing, no theft).
 */
contract PermitFrontRunVictimMock {
    /// @notice The token returned false from transferFrom.
    error PermitFrontRunVictimTransferFailed();

    /// @notice Tokens deposited per token and owner.
    mapping(address token => mapping(address owner => uint256)) public deposits;

    /// @notice Pulls `value` of `token` from `owner`, using the permit only if it is still unused.
    function depositWithPermit(
        address token,
        address owner,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        // The permit may have been front-run: ignore its failure and rely on the allowance.
        try IERC20Permit(token).permit(owner, address(this), value, deadline, v, r, s) {} catch {} // solhint-disable-line no-empty-blocks
        _pull(token, owner, value);
    }

    /// @notice The same without try/catch: reverts when the permit was already used.
    function depositWithPermitNaive(
        address token,
        address owner,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        IERC20Permit(token).permit(owner, address(this), value, deadline, v, r, s);
        _pull(token, owner, value);
    }

    function _pull(address token, address owner, uint256 value) private {
        deposits[token][owner] += value;
        if (!IERC20(token).transferFrom(owner, address(this), value)) revert PermitFrontRunVictimTransferFailed();
    }
}
