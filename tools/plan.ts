/** CLI entry for `npm run plan`; see tools/plan/main.ts. */
import { main } from "./plan/main";
import { progressFor } from "./plan/progress";
import { DEFAULT_WIDTH } from "./plan/tree";

main(process.argv.slice(2), {
    out: (l) => console.log(l),
    err: (l) => console.error(l),
    progress: (total) => progressFor(process.stderr, total),
    // Fit the terminal; 120 columns in logs and files.
    width: process.stdout.isTTY ? Math.max(60, process.stdout.columns ?? DEFAULT_WIDTH) : DEFAULT_WIDTH,
}).then(
    (code) => process.exit(code),
    (e) => {
        console.error(`plan: internal error: ${(e as Error)?.stack ?? e}`);
        process.exit(3);
    },
);
