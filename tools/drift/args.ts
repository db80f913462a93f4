/** Command-line arguments of `npm run drift`. Every mistake is one line naming it and the fix. */
import { UsageError } from "../lib/usage-error";

export const USAGE = "usage: npm run drift -- [--stack NAME ...] [--out DIR] [--record DIR]";
export const DEFAULT_OUT_DIR = ".drift";

export interface DriftArgs {
    /** Stacks asked for, as given (empty = every stack). */
    readonly stacks: readonly string[];
    readonly outDir: string;
    /** Where to write each stack's raw engine run (test fixtures). */
    readonly recordDir?: string;
    readonly help: boolean;
}

export function parseDriftArgs(argv: readonly string[]): DriftArgs {
    const stacks: string[] = [];
    let outDir: string | undefined;
    let recordDir: string | undefined;
    let help = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
        const flag = eq > 0 ? arg.slice(0, eq) : arg;
        const value = (): string => {
            // As npm run up: a next word that starts with '-' is an option, not this one's value (--out=-x passes one).
            const v = eq > 0 ? arg.slice(eq + 1) : argv[++i];
            if (v === undefined || v === "" || (eq < 0 && v.startsWith("-"))) {
                throw new UsageError(`${flag} needs a value; ${USAGE}`);
            }
            return v;
        };
        switch (flag) {
            case "--stack":
                stacks.push(value());
                break;
            case "--out":
                if (outDir !== undefined) throw new UsageError(`--out given twice; pass one report directory`);
                outDir = value();
                break;
            case "--record":
                if (recordDir !== undefined) throw new UsageError(`--record given twice; pass one directory`);
                recordDir = value();
                break;
            case "--help":
            case "-h":
                help = true;
                break;
            default:
                throw new UsageError(
                    arg.startsWith("-") ? `unknown option ${flag}; ${USAGE}` : `unexpected argument ${JSON.stringify(arg)}; name stacks with --stack (${USAGE})`,
                );
        }
    }
    return { stacks: [...new Set(stacks)], outDir: outDir ?? DEFAULT_OUT_DIR, ...(recordDir !== undefined ? { recordDir } : {}), help };
}

/**
 * The stacks to check, in deploy order: the requested ones, or all.
 * @throws UsageError naming an unknown stack and the known ones.
 */
export function selectStacks(requested: readonly string[], deployOrder: readonly string[]): string[] {
    for (const name of requested) {
        if (!deployOrder.includes(name)) {
            throw new UsageError(`no stack ${JSON.stringify(name)} (stacks: ${deployOrder.join(", ")}); use one of them or add Pulumi.${name}.yaml`);
        }
    }
    return requested.length === 0 ? [...deployOrder] : deployOrder.filter((s) => requested.includes(s));
}
