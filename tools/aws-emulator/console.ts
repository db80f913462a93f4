/**
 * `npm run aws-console -- <command>`: changes the emulated AWS account the way a person in the AWS
 * console would, behind Pulumi's back, so `pulumi refresh` and `npm run drift` meet real drift.
 *
 *   list   [--stack S] [--type T]            resources: type, id, the Pulumi name that made them
 *   show   REF                                one resource's recorded state (JSON)
 *   set    REF PATH JSON                      set a property (`egress[2].cidrBlocks`, `versioningConfiguration.status`)
 *   tag    REF KEY=VALUE                      add or change a tag
 *   delete REF                                delete the resource
 *   deny   REF                                lock readers out (a policy denying the caller): refresh fails with 403
 *
 * REF is a physical id (`vpce-0abc...`, a bucket name) or `STACK:NAME` (the Pulumi resource name).
 * The account is the file named by --cloud or SPOT_GRID_AWS_CLOUD (the e2e sandbox's cloud.json).
 * Exit 0 done, 2 bad input (one line on stderr).
 */
import { CLOUD_ENV, CloudResource, CloudStore, cloudKey, Props } from "./cloud";
import { parseUrn } from "./provider";
import { formatPath, parsePath, Segment } from "../drift/property-paths";
import { UsageError } from "../lib/usage-error";

export const USAGE = "usage: npm run aws-console -- [--cloud FILE] list [--stack S] [--type T] | show REF | set REF PATH JSON | tag REF KEY=VALUE | delete REF | deny REF";

/** Finds one resource by physical id or `stack:name`, and says which ones matched when it is not one. */
export function findResource(resources: readonly CloudResource[], ref: string, type?: string): CloudResource {
    const byId = resources.filter((r) => r.id === ref);
    const colon = ref.indexOf(":");
    const byName =
        colon > 0
            ? resources.filter((r) => {
                  const u = parseUrn(r.urn);
                  return u.stack === ref.slice(0, colon) && u.name === ref.slice(colon + 1);
              })
            : [];
    const matches = [...new Set([...byId, ...byName])].filter((r) => !type || r.type === type);
    if (matches.length === 1) return matches[0];
    if (matches.length === 0) throw new UsageError(`no resource ${JSON.stringify(ref)}${type ? ` of type ${type}` : ""}; run \`list\` to see ids and STACK:NAME references`);
    throw new UsageError(`${JSON.stringify(ref)} matches ${matches.length} resources (${matches.map((r) => r.type).join(", ")}); add --type TYPE`);
}

function setAt(root: Props, segments: readonly Segment[], value: unknown): void {
    let node: any = root;
    for (let i = 0; i < segments.length - 1; i++) {
        const s = segments[i];
        if (node[s] === undefined || node[s] === null || typeof node[s] !== "object") node[s] = typeof segments[i + 1] === "number" ? [] : {};
        node = node[s];
    }
    node[segments[segments.length - 1]] = value;
}

/**
 * What the console change does to the recorded resource: AWS reports the new value, and where the
 * property is an argument the provider reads it back as that value, so the inputs change too.
 */
export function setProperty(r: CloudResource, path: string, value: unknown): CloudResource {
    const segments = parsePath(path);
    if (segments.length === 0) throw new UsageError(`empty property path; give one like egress[0].cidrBlocks`);
    const next: CloudResource = JSON.parse(JSON.stringify(r));
    setAt(next.outputs, segments, value);
    if (segments[0] in next.inputs) setAt(next.inputs, segments, value);
    return next;
}

/** A tag added in the console shows in `tags` and in `tagsAll`. */
export function addTag(r: CloudResource, key: string, value: string): CloudResource {
    if (!("tagsAll" in r.outputs)) throw new UsageError(`${r.type} ${r.id} takes no tags`);
    const next: CloudResource = JSON.parse(JSON.stringify(r));
    next.outputs.tags = { ...(next.outputs.tags ?? {}), [key]: value };
    next.outputs.tagsAll = { ...(next.outputs.tagsAll ?? {}), [key]: value };
    next.inputs.tags = { ...(next.inputs.tags ?? {}), [key]: value };
    return next;
}

export interface ConsoleIo {
    out: (line: string) => void;
    err: (line: string) => void;
    env: NodeJS.ProcessEnv;
}

function parseJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        throw new UsageError(`${JSON.stringify(text)} is not JSON; quote strings ('"Suspended"') and give arrays as ["0.0.0.0/0"]`);
    }
}

export function main(argv: readonly string[], io: ConsoleIo): number {
    try {
        const args = [...argv];
        let cloudFile = io.env[CLOUD_ENV];
        let type: string | undefined;
        let stack: string | undefined;
        const positional: string[] = [];
        while (args.length > 0) {
            const a = args.shift()!;
            if (a === "--cloud" || a === "--type" || a === "--stack") {
                const v = args.shift();
                if (!v) throw new UsageError(`${a} needs a value; ${USAGE}`);
                if (a === "--cloud") cloudFile = v;
                else if (a === "--type") type = v;
                else stack = v;
            } else if (a === "--help" || a === "-h") {
                io.out(USAGE);
                return 0;
            } else if (a.startsWith("--")) {
                throw new UsageError(`unknown option ${a}; ${USAGE}`);
            } else positional.push(a);
        }
        if (!cloudFile) throw new UsageError(`no account file: pass --cloud FILE or set ${CLOUD_ENV} (the e2e sandbox's cloud.json)`);
        const store = new CloudStore(cloudFile);
        const [command, ref, ...rest] = positional;
        const want = (n: number, shape: string): void => {
            if (!ref || rest.length !== n) throw new UsageError(`${command} takes ${shape}; ${USAGE}`);
        };
        const change = (fn: (r: CloudResource) => CloudResource | undefined, verb: string): void => {
            store.transact((cloud) => {
                const r = findResource(Object.values(cloud.resources), ref, type);
                const key = cloudKey(r.region, r.type, r.id);
                const next = fn(r);
                if (next) cloud.resources[key] = next;
                else delete cloud.resources[key];
                io.out(`${verb} ${r.type} ${r.id} (${r.region})`);
                return { result: undefined, changed: true };
            });
        };
        switch (command) {
            case "list": {
                if (ref) throw new UsageError(`list takes no REF; filter with --stack and --type`);
                const rows = store.list().filter((r) => (!type || r.type === type) && (!stack || parseUrn(r.urn).stack === stack));
                rows.sort((a, b) => (a.urn < b.urn ? -1 : 1)).forEach((r) => io.out(`${r.region}  ${r.type}  ${r.id}  ${parseUrn(r.urn).stack}:${parseUrn(r.urn).name}`));
                return 0;
            }
            case "show":
                want(0, "REF");
                io.out(JSON.stringify(findResource(store.list(), ref, type), null, 2));
                return 0;
            case "set": {
                want(2, "REF PATH JSON");
                const value = parseJson(rest[1]);
                const path = formatPath(parsePath(rest[0]));
                change((r) => setProperty(r, path, value), `set ${path} on`);
                return 0;
            }
            case "tag": {
                want(1, "REF KEY=VALUE");
                const eq = rest[0].indexOf("=");
                if (eq <= 0) throw new UsageError(`tag takes KEY=VALUE, not ${JSON.stringify(rest[0])}`);
                change((r) => addTag(r, rest[0].slice(0, eq), rest[0].slice(eq + 1)), `tagged ${rest[0].slice(0, eq)} on`);
                return 0;
            }
            case "delete":
                want(0, "REF");
                change(() => undefined, "deleted");
                return 0;
            case "deny":
                want(0, "REF");
                change((r) => ({ ...r, readDenied: true }), "denied reading");
                return 0;
            default:
                throw new UsageError(command ? `unknown command ${JSON.stringify(command)}; ${USAGE}` : USAGE);
        }
    } catch (e) {
        // A usage mistake or an unreadable account file: one line either way.
        io.err(`aws-console: ${(e as Error)?.message ?? e}`);
        return 2;
    }
}

if (require.main === module) {
    process.exitCode = main(process.argv.slice(2), { out: (l) => console.log(l), err: (l) => console.error(l), env: process.env });
}
