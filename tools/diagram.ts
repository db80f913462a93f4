/** `npm run diagram -- [--plan DIR] [--out FILE] [--check]`; see docs/operations.md. */
import * as path from "path";
import { main } from "./diagram/cli";

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: path.resolve(__dirname, "..") });
}
