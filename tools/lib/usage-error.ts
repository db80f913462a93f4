/**
 * A mistake in a tool's command line (an unknown option, a missing value): every tool reports it
 * as one line naming the option and the fix, and exits 2. One class for all the tools, so a caller
 * (or a test) can tell a usage error from any other failure the same way everywhere.
 */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}
