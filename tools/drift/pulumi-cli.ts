/** Finding the Pulumi CLI before starting: the Automation API needs it and fails noisily without. */
import * as fs from "fs";
import * as path from "path";

export const INSTALL_HINT = "install it (curl -fsSL https://get.pulumi.com | sh, or the pulumi/actions GitHub Action) and put it on PATH";

/** Full path of `pulumi` on PATH (or in $PULUMI_HOME/bin, where the installer puts it), or undefined. */
export function findPulumiCli(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
    const dirs = (env.PATH ?? env.Path ?? "").split(path.delimiter).filter(Boolean);
    if (env.PULUMI_HOME) dirs.push(path.join(env.PULUMI_HOME, "bin"));
    const names = platform === "win32" ? ["pulumi.exe", "pulumi.cmd"] : ["pulumi"];
    for (const dir of dirs) {
        for (const name of names) {
            const candidate = path.join(dir, name);
            try {
                fs.accessSync(candidate, fs.constants.X_OK);
                if (fs.statSync(candidate).isFile()) return candidate;
            } catch {
                // not here; keep looking
            }
        }
    }
    return undefined;
}
