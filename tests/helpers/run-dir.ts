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

// A worker (mocha sets MOCHA_WORKER_ID in its environment) takes its run's folder; any other
// process starts a run of its own, so a folder left named in a shell's environment is never reused.
// Without the variable every process makes its own folder: each plans for itself, slower but right.
if (!process.env.MOCHA_WORKER_ID || !process.env[RUN_DIR_ENV]) process.env[RUN_DIR_ENV] = tempDir("spot-grid-test-run-");

/** The run's shared folder, or undefined when this process was not started by mocha with .mocharc.json. */
export function runDir(): string | undefined {
    const dir = process.env[RUN_DIR_ENV];
    return dir && fs.existsSync(dir) ? dir : undefined;
}
