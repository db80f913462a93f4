/** `npm run up -- --stack NAME [--yes]`: pulumi up with every policy pack; see docs/audit.md. */
import * as path from "path";
import { main } from "./up/cli";

if (require.main === module) {
    main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: path.resolve(__dirname, "..") }).then((code) => {
        process.exitCode = code;
    });
}
