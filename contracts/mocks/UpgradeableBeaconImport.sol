// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

// TEST ONLY: makes OpenZeppelin's UpgradeableBeacon artifact available to the Safe tooling tests.
import {UpgradeableBeacon} from "@openzeppelin/contracts/proxy/beacon/UpgradeableBeacon.sol";
