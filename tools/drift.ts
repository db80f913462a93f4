/** `npm run drift -- [--stack NAME ...] [--out DIR]`; see docs/operations.md. */
import * as path from "path";
import { main } from "./drift/cli";

if (require.main === module) {
    main(process.argv.slice(2), {
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
        cwd: path.resolve(__dirname, ".."),
        now: () => new Date(),
    }).then((code) => {
        process.exitCode = code;
    });
}
