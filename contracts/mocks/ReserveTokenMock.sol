// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {AccessControlDefaultAdminRules} from
    "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";

/**
 * @title ReserveTokenMock
 * @notice TEST ONLY. Stands in for the stablecoin while the custodian tooling is built: the same external
 * function names and roles as the stablecoin's fixed API, with minimal logic, so every named Safe action
 * can be executed end to end and its on-chain effect checked. Not production code.
 */
contract ReserveTokenMock is ERC20, AccessControlDefaultAdminRules {
    using SafeERC20 for IERC20;

    bytes32 public constant UPGRADER_ROLE = keccak256("UPGRADER_ROLE");
    bytes32 public constant MINTER_ADMIN_ROLE = keccak256("MINTER_ADMIN_ROLE");
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 public constant BURNER_ROLE = keccak256("BURNER_ROLE");
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");
    bytes32 public constant COMPLIANCE_ROLE = keccak256("COMPLIANCE_ROLE");
    bytes32 public constant RESCUER_ROLE = keccak256("RESCUER_ROLE");

    address public reserve;
    address public reserveFeed;
    uint64 public maxReserveAge;
    bool public paused;
    address public implementation;
    mapping(address minter => uint256 allowance) public minterAllowance;
    mapping(address minter => uint256[2] capacityAndRefill) public minterRateLimit;
    mapping(address account => bool frozen) public isFrozen;

    event Burned(address indexed burner, uint256 amount, bytes32 indexed redemptionRef);
    event MinterConfigured(address indexed minter, uint256 allowance);
    event MinterRemoved(address indexed minter);
    event MinterRateLimitUpdated(address indexed minter, uint256 capacity, uint256 refillPerSecond);
    event PausedUpdated(bool paused);
    event FrozenUpdated(address indexed account, bool frozen);
    event FrozenWiped(address indexed account, uint256 amount, bytes32 indexed legalOrderRef);
    event ReserveUpdated(address oldReserve, address newReserve);
    event ReserveFeedUpdated(address oldFeed, address newFeed);
    event MaxReserveAgeUpdated(uint64 oldAge, uint64 newAge);
    event Upgraded(address indexed implementation);

    error ReserveTokenMockPaused();
    error ReserveTokenMockFrozen(address account);
    error ReserveTokenMockNotFrozen(address account);
    error ReserveTokenMockMintAllowanceExceeded(address minter, uint256 allowance, uint256 amount);

    constructor(address admin, address reserve_) ERC20("Kyrgyz Som Stablecoin", "KGSC") AccessControlDefaultAdminRules(0, admin) {
        reserve = reserve_;
    }

    function decimals() public pure override returns (uint8) {
        return 2;
    }

    function mint(uint256 amount) external onlyRole(MINTER_ROLE) {
        uint256 allowance = minterAllowance[msg.sender];
        if (amount > allowance) revert ReserveTokenMockMintAllowanceExceeded(msg.sender, allowance, amount);
        minterAllowance[msg.sender] = allowance - amount;
        _mint(reserve, amount);
    }

    function burn(uint256 amount, bytes32 redemptionRef) external onlyRole(BURNER_ROLE) {
        _burn(msg.sender, amount);
        emit Burned(msg.sender, amount, redemptionRef);
    }

    function configureMinter(address minter, uint256 allowance) external onlyRole(MINTER_ADMIN_ROLE) {
        minterAllowance[minter] = allowance;
        _grantRole(MINTER_ROLE, minter);
        emit MinterConfigured(minter, allowance);
    }

    function removeMinter(address minter) external onlyRole(MINTER_ADMIN_ROLE) {
        minterAllowance[minter] = 0;
        _revokeRole(MINTER_ROLE, minter);
        emit MinterRemoved(minter);
    }

    function setMinterRateLimit(address minter, uint256 capacity, uint256 refillPerSecond)
        external
        onlyRole(MINTER_ADMIN_ROLE)
    {
        minterRateLimit[minter] = [capacity, refillPerSecond];
        emit MinterRateLimitUpdated(minter, capacity, refillPerSecond);
    }

    function pause() external onlyRole(PAUSER_ROLE) {
        paused = true;
        emit PausedUpdated(true);
    }

    function unpause() external onlyRole(PAUSER_ROLE) {
        paused = false;
        emit PausedUpdated(false);
    }

    function freeze(address account) public onlyRole(COMPLIANCE_ROLE) {
        isFrozen[account] = true;
        emit FrozenUpdated(account, true);
    }

    function unfreeze(address account) public onlyRole(COMPLIANCE_ROLE) {
        isFrozen[account] = false;
        emit FrozenUpdated(account, false);
    }

    function freezeBatch(address[] calldata accounts) external {
        for (uint256 i = 0; i < accounts.length; ++i) freeze(accounts[i]);
    }

    function unfreezeBatch(address[] calldata accounts) external {
        for (uint256 i = 0; i < accounts.length; ++i) unfreeze(accounts[i]);
    }

    function wipeFrozen(address account, bytes32 legalOrderRef) external onlyRole(COMPLIANCE_ROLE) {
        if (!isFrozen[account]) revert ReserveTokenMockNotFrozen(account);
        uint256 amount = balanceOf(account);
        _burn(account, amount);
        emit FrozenWiped(account, amount, legalOrderRef);
    }

    function setReserve(address newReserve) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit ReserveUpdated(reserve, newReserve);
        reserve = newReserve;
    }

    function setReserveFeed(address newFeed) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit ReserveFeedUpdated(reserveFeed, newFeed);
        reserveFeed = newFeed;
    }

    function setMaxReserveAge(uint64 newAge) external onlyRole(DEFAULT_ADMIN_ROLE) {
        emit MaxReserveAgeUpdated(maxReserveAge, newAge);
        maxReserveAge = newAge;
    }

    function rescueERC20(address token, address to, uint256 amount) external onlyRole(RESCUER_ROLE) {
        IERC20(token).safeTransfer(to, amount);
    }

    /// @dev Mock of the UUPS entry point: records the implementation, ignores `data`.
    function upgradeToAndCall(address newImplementation, bytes calldata data) external payable onlyRole(UPGRADER_ROLE) {
        data;
        implementation = newImplementation;
        emit Upgraded(newImplementation);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (paused) revert ReserveTokenMockPaused();
        bool wiping = to == address(0) && isFrozen[from];
        if (!wiping && isFrozen[from]) revert ReserveTokenMockFrozen(from);
        if (isFrozen[to]) revert ReserveTokenMockFrozen(to);
        super._update(from, to, value);
    }
}
