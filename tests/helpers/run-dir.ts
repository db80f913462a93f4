/**
 * One folder per mocha run, shared by all its processes. `npm test` runs the test files in two
 * worker processes (mocha --parallel), and mocha loads its `require` modules (.mocharc.json) in
 * the main process before it starts the workers, which inherit its environment: the first process
 * to load this module makes the folder and names it in the environment, and the others find it
 * there. Fixtures that cost seconds and do not change during a run, such as the project's plan
 * (./plan-exports), are built there once by whichever process needs them first. The process that
 * made the folder removes it when it exits (./temp).
 */
import * as fs from "fs";
import { tempDir } from "./temp";

export const RUN_DIR_ENV = "SPOT_GRID_TEST_RUN_DIR";

if (!process.env[RUN_DIR_ENV]) process.env[RUN_DIR_ENV] = tempDir("spot-grid-test-run-");

/** The run's shared folder, or undefined when this process was not started by mocha with .mocharc.json. */
export function runDir(): string | undefined {
    const dir = process.env[RUN_DIR_ENV];
    return dir && fs.existsSync(dir) ? dir : undefined;
}
