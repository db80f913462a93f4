/** Command-line arguments of `npm run up`. Every mistake is one line naming it and the fix. */
import { UsageError } from "../lib/usage-error";

export const USAGE = "usage: npm run up -- --stack NAME [--yes] [--dry-run] [-- PULUMI_UP_OPTIONS ...]";

export interface UpArgs {
    readonly stack: string;
    /** `pulumi up --yes`: no interactive confirmation (CI). */
    readonly yes: boolean;
    /** Print the pulumi command and run nothing. */
    readonly dryRun: boolean;
    readonly help: boolean;
    /** Options after `--`, handed to `pulumi up` (checked by refusedPassThrough first). */
    readonly passThrough: readonly string[];
}

/**
 * `pulumi up` options the wrapper refuses in the pass-through: it chooses the stack and the packs
 * itself, and a pack configuration could lower a mandatory policy for one deploy. A policy is
 * tuned in its pack, where a pull request reviews it.
 * https://www.pulumi.com/docs/iac/cli/commands/pulumi_up/
 */
const REFUSED: Readonly<Record<string, string>> = {
    "--policy-pack": "every pack under policies/ runs on every update; the wrapper passes them all",
    "--policy-pack-config": "the packs run as committed; tune a policy in its pack (a reviewed change), not per deploy",
    "--stack": "name the stack with npm run up's own --stack",
    "-s": "name the stack with npm run up's own --stack",
    "--cwd": "the project is this repository",
    "-C": "the project is this repository",
};

/** Why a pass-through option is refused, or undefined. */
export function refusedPassThrough(options: readonly string[]): string | undefined {
    for (const o of options) {
        const flag = o.startsWith("--") ? o.split("=")[0] : o.startsWith("-") ? o.slice(0, 2) : o;
        const why = REFUSED[flag];
        if (why) return `${flag} cannot be passed to pulumi up through npm run up: ${why}`;
    }
    return undefined;
}

export function parseUpArgs(argv: readonly string[]): UpArgs {
    let stack: string | undefined;
    let yes = false;
    let dryRun = false;
    let help = false;
    const dashes = argv.indexOf("--");
    const own = dashes < 0 ? argv : argv.slice(0, dashes);
    const passThrough = dashes < 0 ? [] : argv.slice(dashes + 1);
    for (let i = 0; i < own.length; i++) {
        const arg = own[i];
        const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        switch (flag) {
            case "--stack": {
                const v = eq > 0 ? arg.slice(eq + 1) : own[++i];
                if (v === undefined || v === "" || (eq < 0 && v.startsWith("-"))) throw new UsageError(`--stack needs a stack name; ${USAGE}`);
                if (stack !== undefined && stack !== v) throw new UsageError(`--stack given twice (${stack}, ${v}); update one stack per run, in deploy order`);
                stack = v;
                break;
            }
            case "--yes":
            case "-y":
                yes = true;
                break;
            case "--dry-run":
                dryRun = true;
                break;
            case "--help":
            case "-h":
                help = true;
                break;
            default:
                throw new UsageError(
                    arg.startsWith("-")
                        ? `unknown option ${flag}; ${USAGE} (pulumi up's own options go after --)`
                        : `unexpected argument ${JSON.stringify(arg)}; name the stack with --stack (${USAGE})`,
                );
        }
    }
    if (!help && stack === undefined) throw new UsageError(`--stack is required; ${USAGE}`);
    const refused = refusedPassThrough(passThrough);
    if (refused) throw new UsageError(refused);
    return { stack: stack ?? "", yes, dryRun, help, passThrough };
}
