/** `npm run e2e`: the real Pulumi CLI against the AWS emulator; see tools/e2e/main.ts and docs/operations.md. */
import { main } from "./e2e/main";

if (require.main === module) {
    main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env, cwd: process.cwd() }).then(
        (code) => {
            process.exitCode = code;
        },
        (e) => {
            console.error(`e2e: ${(e as Error)?.stack ?? e}`);
            process.exitCode = 1;
        },
    );
}
