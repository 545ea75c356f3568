// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/**
 * @title RescuableTokenMock
 * @notice TEST ONLY. A plain ERC-20 anyone can mint, to send to the stablecoin by mistake and rescue.
 */
contract RescuableTokenMock is ERC20 {
    constructor() ERC20("Stray Token", "STRAY") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
