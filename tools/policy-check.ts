/**
 * Offline policy check: `npm run policy:check -- --state FILE [--format text|json] [--config FILE] [--pack NAME ...]`.
 * Evaluates the CrossGuard packs over a `pulumi stack export` document, as the engine would.
 * Exit 0: no mandatory violation; 1: mandatory violations; 2: bad input (one line on stderr).
 */
import * as fs from "fs";
import { evaluateStackExport, formatViolationsText, hasMandatoryViolations, PolicyConfig, PolicyConfigError } from "../policies/lib/evaluator";
import { parseStackExport, StateFileError } from "../policies/lib/stack-export";
import { UsageError } from "./lib/usage-error";

export interface PolicyCheckIO {
    stdout: (text: string) => void;
    stderr: (text: string) => void;
    readFile: (path: string) => string;
}

export const EXIT_OK = 0;
export const EXIT_VIOLATIONS = 1;
export const EXIT_BAD_INPUT = 2;

const USAGE = "usage: npm run policy:check -- --state FILE [--format text|json] [--config FILE] [--pack NAME ...]";

export const HELP = `${USAGE}

Judges a \`pulumi stack export\` document (ours from npm run plan, or production's) with the
CrossGuard packs, as the engine would on \`pulumi preview --policy-pack\`.

Options:
  --state FILE     the export to judge (required)
  --format FORMAT  text (default) or json
  --config FILE    policy config JSON, as for --policy-pack-config ({"<policy>": {"enforcementLevel": ...}})
  --pack NAME      only this pack (repeatable): encryption, least-privilege-iam, no-public-egress, data-protection
  -h, --help       this help

Exit codes: 0 no mandatory violation, 1 mandatory violations, 2 unreadable or invalid input.
`;

interface Options {
    help?: boolean;
    state: string;
    format: "text" | "json";
    config?: string;
    packs: string[];
}

function parseArgs(argv: string[]): Options {
    const opts: Partial<Options> & { packs: string[] } = { packs: [] };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        const eq = arg.indexOf("=");
        const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
        const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
        const value = (): string => {
            const v = inline ?? argv[++i];
            if (v === undefined || (inline === undefined && v.startsWith("--"))) throw new UsageError(`${flag} needs a value; ${USAGE}`);
            return v;
        };
        switch (flag) {
            case "--help":
            case "-h":
                return { help: true, state: "", format: "text", packs: [] };
            case "--state":
                opts.state = value();
                break;
            case "--config":
                opts.config = value();
                break;
            case "--pack":
                opts.packs.push(value());
                break;
            case "--format": {
                const f = value();
                if (f !== "text" && f !== "json") throw new UsageError(`--format must be text or json, got '${f}'`);
                opts.format = f;
                break;
            }
            default:
                throw new UsageError(`unknown argument '${arg}'; ${USAGE}`);
        }
    }
    if (!opts.state) throw new UsageError(`missing --state FILE (a 'pulumi stack export' document); ${USAGE}`);
    return { state: opts.state, format: opts.format ?? "text", config: opts.config, packs: opts.packs };
}

function read(io: PolicyCheckIO, path: string, what: string): string {
    try {
        return io.readFile(path);
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(`cannot read ${what} '${path}'${code ? ` (${code})` : ""}; check the path`);
    }
}

function readConfig(io: PolicyCheckIO, path: string): PolicyConfig {
    const text = read(io, path, "policy config");
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch (e) {
        throw new UsageError(`policy config '${path}' is not valid JSON (${(e as Error).message.split("\n")[0]}); write it as {"<policy-name>": {"enforcementLevel": "advisory", ...}}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new UsageError(`policy config '${path}' must be a JSON object of policy name -> settings`);
    }
    return parsed as PolicyConfig;
}

/** The whole check, in-process: returns the exit code; writes only through `io`. */
export async function runPolicyCheck(argv: string[], io: PolicyCheckIO): Promise<number> {
    let output: string;
    let code: number;
    try {
        const opts = parseArgs(argv);
        if (opts.help) {
            io.stdout(HELP);
            return EXIT_OK;
        }
        const doc = parseStackExport(read(io, opts.state, "state file"), opts.state);
        const config = opts.config ? readConfig(io, opts.config) : undefined;
        const result = await evaluateStackExport(doc, { packs: opts.packs, config });
        output =
            opts.format === "json"
                ? JSON.stringify(
                      { violations: result.violations.map((v) => ({ policy: v.policy, urn: v.urn, message: v.message, enforcementLevel: v.enforcementLevel, pack: v.pack })) },
                      null,
                      2,
                  ) + "\n"
                : formatViolationsText(result);
        code = hasMandatoryViolations(result) ? EXIT_VIOLATIONS : EXIT_OK;
    } catch (e) {
        if (e instanceof UsageError || e instanceof StateFileError || e instanceof PolicyConfigError) {
            io.stderr(`policy-check: ${e.message}\n`);
            return EXIT_BAD_INPUT;
        }
        throw e;
    }
    io.stdout(output);
    return code;
}

if (require.main === module) {
    runPolicyCheck(process.argv.slice(2), {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        readFile: (p) => fs.readFileSync(p, "utf8"),
    }).then(
        (code) => {
            process.exitCode = code;
        },
        (e: Error) => {
            process.stderr.write(`policy-check: internal error: ${e.message}\n`);
            process.exitCode = EXIT_BAD_INPUT;
        },
    );
}
