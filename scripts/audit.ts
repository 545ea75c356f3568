/**
 * `npm run audit`: lint; the tests (invariant tests with a printed fast-check seed) and coverage side by side;
 * the gas check. Each step's exit code, duration and key figures in one table; exit 1 if any failed.
 * FC_SEED fixes the property tests' seed (default: random, printed). The steps live in tools/audit/.
 */
import path from "node:path";
import { runAudit } from "../tools/audit";
import { runCommand } from "../tools/command";

const root = path.join(__dirname, "..");
const seed = process.env.FC_SEED ?? String(Math.floor(Math.random() * 2 ** 31));

runCommand(runAudit({ root, seed }, console));
