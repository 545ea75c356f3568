/** A small contract with one site for every mutation operator, and a solc-js build of it (project settings). */
import type { Build } from "../../tools/mutation";

export const FIXTURE_FILE = "contracts/Fixture.sol";

export const FIXTURE_SOURCE = `// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

contract Fixture {
    uint256 private constant UNUSED = 7;
    uint256 public total;
    address public owner;
    mapping(bytes32 => mapping(address => bool)) private roles;

    event Moved(address from, address to, uint256 amount);
    error NotOwner();

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    modifier onlyRole(bytes32 role) {
        require(roles[role][msg.sender], "role");
        _;
    }

    function hasRole(bytes32 role, address account) public view returns (bool) {
        return roles[role][account];
    }

    function move(address from, address to, uint256 amount) external onlyOwner {
        require(amount > 0, "zero");
        total = total + amount * 2;
        emit Moved(from, to, amount);
    }

    function check(uint256 a) external view onlyRole(bytes32(0)) returns (bool) {
        if (!hasRole(bytes32(0), msg.sender)) revert NotOwner();
        return a <= total;
    }
}
`;

/** The fixture as a build of its own, with the project's compiler settings. */
export function fixtureBuild(source = FIXTURE_SOURCE): Build {
  return {
    solcVersion: "0.8.28",
    input: {
      language: "Solidity",
      sources: { [FIXTURE_FILE]: { content: source } },
      settings: { evmVersion: "cancun", optimizer: { enabled: true, runs: 10_000 }, outputSelection: {} },
    },
  };
}
