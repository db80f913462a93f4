/**
 * Installs the AWS emulator as the `aws` resource plugin at the version @pulumi/aws asks for, in a
 * given PULUMI_HOME's plugin cache (the e2e sandbox's, never the user's ~/.pulumi): the engine
 * then loads it where it would load pulumi-aws. The plugin is a small shell script starting
 * ./plugin.ts with node and the project's TypeScript loader (tools/register.js, as the npm scripts).
 * Plugin cache layout: https://www.pulumi.com/docs/iac/concepts/plugins/
 */
import * as fs from "fs";
import * as path from "path";
import { awsPluginVersion } from "./provider";

const PLUGIN = path.join(__dirname, "plugin.ts");
const REGISTER = path.join(__dirname, "..", "register.js");

/** Writes the plugin into `<pulumiHome>/plugins/resource-aws-v<version>/`; returns the executable's path. */
export function installEmulatorPlugin(pulumiHome: string, nodePath = process.execPath): string {
    const home = path.resolve(pulumiHome);
    const userHome = process.env.HOME ? path.resolve(process.env.HOME, ".pulumi") : undefined;
    if (home === userHome) throw new Error(`refusing to install the AWS emulator into ${home}: that is the user's Pulumi home; pass a sandbox directory`);
    const dir = path.join(home, "plugins", `resource-aws-v${awsPluginVersion()}`);
    fs.mkdirSync(dir, { recursive: true });
    const exe = path.join(dir, "pulumi-resource-aws");
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
    fs.writeFileSync(exe, `#!/bin/sh\n# spot-grid's AWS emulator (tools/aws-emulator), installed for the e2e sandbox only.\nexec ${quote(nodePath)} -r ${quote(REGISTER)} ${quote(PLUGIN)} "$@"\n`, { mode: 0o755 });
    return exe;
}
