/** CLI entry for `npm run plan`; see tools/plan/main.ts. */
import { main } from "./plan/main";

main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l) }).then(
    (code) => process.exit(code),
    (e) => {
        console.error(`plan: internal error: ${(e as Error)?.stack ?? e}`);
        process.exit(3);
    },
);
