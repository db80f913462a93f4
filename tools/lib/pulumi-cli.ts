/** Finding the Pulumi CLI before starting: the Automation API needs it and fails noisily without. */
import * as path from "path";
import { findExecutable, pathDirs } from "./executables";

export const INSTALL_HINT = "install it (curl -fsSL https://get.pulumi.com | sh, or the pulumi/actions GitHub Action) and put it on PATH";

/** Full path of `pulumi` on PATH (or in $PULUMI_HOME/bin, where the installer puts it), or undefined. */
export function findPulumiCli(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string | undefined {
    const dirs = pathDirs(env);
    if (env.PULUMI_HOME) dirs.push(path.join(env.PULUMI_HOME, "bin"));
    return findExecutable(platform === "win32" ? ["pulumi.exe", "pulumi.cmd"] : ["pulumi"], dirs);
}
