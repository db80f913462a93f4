/**
 * Temporary directories for tests that are removed when the mocha process exits, pass or fail:
 * a test run leaves nothing behind in the temp directory. Use instead of fs.mkdtempSync.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const made: string[] = [];
let hooked = false;

/** A new empty directory under the OS temp directory, deleted (with its contents) at exit. */
export function tempDir(prefix = "spot-grid-test-"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    if (!hooked) {
        hooked = true;
        process.once("exit", removeTempDirs);
    }
    return dir;
}

/** Removes every directory tempDir made so far (also run at exit). */
export function removeTempDirs(): void {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
