/**
 * `npm run gas`: measures every bench suite afresh and writes gas-snapshot.json.
 * `npm run gas:check` (GAS_CHECK=true): measures afresh and fails when any committed operation grew by more
 * than 1% (or disappeared, or a new one is not committed). The measuring lives in tools/gas/.
 */
import hre from "hardhat";
import path from "node:path";
import { runCommand } from "../tools/command";
import { measureGas } from "../tools/gas";

const snapshotFile = path.join(__dirname, "..", "gas-snapshot.json");
const check = process.env.GAS_CHECK === "true";

runCommand(measureGas(hre, { snapshotFile, check, tolerance: 0.01 }, console), { code: 1, stack: false });
