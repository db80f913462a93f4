/**
 * Assertions on a command-line tool's run that say which command printed what when they fail,
 * not just `2 !== 1`.
 */
import * as assert from "assert";

export interface CliRun {
    /** The command as a user would type it, e.g. `npm run plan -- --stack mumbai`. */
    readonly command: string;
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}

const tail = (text: string, lines = 15): string => {
    const all = text.trimEnd().split("\n");
    return (all.length > lines ? [`... (${all.length - lines} lines before)`, ...all.slice(-lines)] : all).join("\n") || "(nothing)";
};

/** Fails unless `run` exited with `expected`, showing the command, its exit code, stderr and the end of stdout. */
export function assertExit(run: CliRun, expected: number): void {
    if (run.code === expected) return;
    assert.fail(`\`${run.command}\` exited ${run.code}, expected ${expected}\nstderr:\n${tail(run.stderr)}\nstdout:\n${tail(run.stdout)}`);
}

/** The command line for messages: `npm run <script> -- <argv>` with arguments quoted where needed. */
export function commandLine(script: string, argv: readonly string[]): string {
    const quote = (a: string): string => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
    return `npm run ${script}${argv.length ? ` -- ${argv.map(quote).join(" ")}` : ""}`;
}
