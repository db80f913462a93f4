/**
 * Turns one stack's engine events (and the preview's change summary) into classified differences.
 * Pure: no engine, no I/O. Written against the Automation API's own event shapes.
 */
import type { EngineEvent, OpMap, StepEventMetadata, StepEventStateMetadata } from "@pulumi/pulumi/automation";
import { comparePaths, diffValues, parsePath, PropertyChange, valueAt } from "./property-paths";

/**
 * - `modified`: changed out of band (with the property paths);
 * - `tags-only`: changed out of band, but only tags (someone tagged it in the console);
 * - `deleted`: deleted out of band (refresh would drop it from state);
 * - `replaced`: a drifted property forces replacement (shows when drift is previewed with the program);
 * - `created`: not in state: unmanaged, or lost from state; the next `pulumi up` would create it;
 * - `other`: an engine step with no better name (pending replacements, discards), op given.
 */
export type DriftKind = "modified" | "tags-only" | "deleted" | "replaced" | "created" | "other";

/** Report order: the most alarming first. */
export const DRIFT_KINDS: readonly DriftKind[] = ["deleted", "replaced", "modified", "created", "tags-only", "other"];

export interface Difference {
    readonly urn: string;
    readonly type: string;
    /** Logical name (the URN's last part). */
    readonly name: string;
    readonly kind: DriftKind;
    /** The engine operation behind the classification. */
    readonly op: string;
    readonly properties: readonly PropertyChange[];
    /** Properties that force a replacement (for `replaced`). */
    readonly replaceKeys: readonly string[];
}

export type StackStatus = "clean" | "drift" | "failed";

export interface StackDrift {
    readonly stack: string;
    readonly status: StackStatus;
    /** Resources the engine read (a failed read does not count). */
    readonly resourcesChecked: number;
    readonly changeSummary: OpMap;
    readonly differences: readonly Difference[];
    /** Why the stack could not be (fully) checked: the engine's error, error diagnostics, failed reads. */
    readonly errors: readonly string[];
    /** Changes the summary counts but no event explained (e.g. a lost event log): still drift. */
    readonly unattributed?: OpMap;
}

/** How the engine run ended: with a change summary, or with an error (after the events so far). */
export type EngineOutcome = { readonly changeSummary: OpMap } | { readonly error: string };

const NO_CHANGE_OPS = new Set(["same", "read", "refresh"]);
const REPLACE_OPS = new Set(["replace", "create-replacement", "delete-replaced"]);
const DELETE_OPS = new Set(["delete", "discard"]);
const CREATE_OPS = new Set(["create", "import"]);
const TAG_PROPERTIES = new Set(["tags", "tagsAll"]);

/**
 * Properties that automation the program configures changes on purpose, by resource type: the
 * trading-session schedule moves the workers' capacity (components/compute/schedule.ts, where the
 * program also ignores them on update), and the backlog scaling policy moves the desired capacity
 * (components/compute/backlog-scaling.ts). A refresh that finds only these changed is not drift.
 */
export const SCHEDULE_OWNED: Readonly<Record<string, readonly string[]>> = {
    "aws:autoscaling/group:Group": ["desiredCapacity", "minSize"],
    "aws:appautoscaling/target:Target": ["minCapacity", "maxCapacity"],
    "aws:ec2/spotFleetRequest:SpotFleetRequest": ["targetCapacity"],
};

/** An update whose every changed property belongs to the schedule. */
function isScheduleOnlyUpdate(meta: StepEventMetadata): boolean {
    if (meta.op !== "update" || !SCHEDULE_OWNED[meta.type]) return false;
    const all = changedProperties(meta);
    return all.length > 0 && withoutScheduleOwned(meta.type, all).length === 0;
}

/** The changes not owned by the schedule. */
function withoutScheduleOwned(type: string, changes: PropertyChange[]): PropertyChange[] {
    const owned = SCHEDULE_OWNED[type];
    if (!owned) return changes;
    return changes.filter((c) => !owned.includes(String(parsePath(c.path)[0])));
}
const SECRET_TEXT = "[secret]";

/** Pulumi's colour directives (`<{%fg 1%}>`) and ANSI escapes, which diagnostics carry. */
export function plainText(message: string): string {
    return message.replace(/<\{%[^%]*%\}>/g, "").replace(/\u001b\[[0-9;]*m/g, "").replace(/\s+/g, " ").trim();
}

function nameOf(urn: string): string {
    const i = urn.lastIndexOf("::");
    return i < 0 ? urn : urn.slice(i + 2);
}

/** Secrets stay secret in reports, whichever form the engine used. */
function redact(value: unknown): unknown {
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    if (record["4dabf18193072939515e22adb298388d"] !== undefined) return SECRET_TEXT;
    if (Array.isArray(value)) return value.map(redact);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, redact(v)]));
}

function stateValue(state: StepEventStateMetadata | undefined, path: string): unknown {
    if (!state) return undefined;
    const segments = parsePath(path);
    const fromOutputs = valueAt(state.outputs, segments);
    return fromOutputs !== undefined ? fromOutputs : valueAt(state.inputs, segments);
}

/** The property paths that changed: the engine's detailed diff when it gave one, else old vs new state. */
export function changedProperties(meta: StepEventMetadata): PropertyChange[] {
    let changes: PropertyChange[];
    const detailed = Object.entries(meta.detailedDiff ?? {});
    if (detailed.length > 0) {
        changes = detailed.map(([path, d]) => {
            const change = d.diffKind.startsWith("add") ? "add" : d.diffKind.startsWith("delete") ? "delete" : "update";
            return {
                path,
                change,
                ...(change !== "add" ? { before: stateValue(meta.old, path) } : {}),
                ...(change !== "delete" ? { after: stateValue(meta.new, path) } : {}),
            } as PropertyChange;
        });
    } else {
        changes = diffValues(meta.old?.outputs ?? {}, meta.new?.outputs ?? {});
        if (changes.length === 0) changes = diffValues(meta.old?.inputs ?? {}, meta.new?.inputs ?? {});
        if (changes.length === 0) changes = (meta.diffs ?? []).map((path) => ({ path, change: "update" as const }));
    }
    return changes
        .map((c) => ({ ...c, ...("before" in c ? { before: redact(c.before) } : {}), ...("after" in c ? { after: redact(c.after) } : {}) }))
        .sort((a, b) => comparePaths(a.path, b.path));
}

function onlyTags(changes: readonly PropertyChange[]): boolean {
    return changes.length > 0 && changes.every((c) => TAG_PROPERTIES.has(String(parsePath(c.path)[0])));
}

interface Seen {
    /** The latest metadata per operation: a replacement's steps carry different parts of the story. */
    ops: Map<string, StepEventMetadata>;
    /** Metadata of the last event for the URN: outputs events carry the refresh's result op. */
    last: StepEventMetadata;
    keys: Set<string>;
}

function classifyResource(urn: string, seen: Seen): Difference | undefined {
    const meta = seen.last;
    const base = { urn, type: meta.type, name: nameOf(urn), replaceKeys: [...seen.keys].sort() };
    if ([...seen.ops.keys()].some((op) => REPLACE_OPS.has(op))) {
        const step = seen.ops.get("replace") ?? seen.ops.get("create-replacement") ?? meta;
        return { ...base, kind: "replaced", op: "replace", properties: changedProperties(step) };
    }
    const op = meta.op;
    if (NO_CHANGE_OPS.has(op)) return undefined;
    if (op === "update") {
        if (isScheduleOnlyUpdate(meta)) return undefined;
        const properties = withoutScheduleOwned(meta.type, changedProperties(meta));
        return { ...base, kind: onlyTags(properties) ? "tags-only" : "modified", op, properties };
    }
    if (DELETE_OPS.has(op)) return { ...base, kind: "deleted", op, properties: [] };
    if (CREATE_OPS.has(op)) return { ...base, kind: "created", op, properties: [] };
    return { ...base, kind: "other", op, properties: [] };
}

function sumOps(map: OpMap, skip: Set<string>): number {
    return Object.entries(map).reduce((n, [op, count]) => (skip.has(op) ? n : n + (count ?? 0)), 0);
}

/** Classifies one stack's refresh preview. Events may arrive in any order; `sequence` orders them. */
export function classifyRun(stack: string, events: readonly EngineEvent[], outcome: EngineOutcome): StackDrift {
    const byUrn = new Map<string, Seen>();
    const errors: string[] = [];
    const failed = new Set<string>();
    // A resource was checked once its refresh result arrived (the outputs event). A failed read
    // sends none; the engine reports it as an error diagnostic naming the resource (previews) or
    // as a failed step.
    const completed = new Set<string>();
    let summaryFromEvent: OpMap | undefined;
    const note = (meta: StepEventMetadata): Seen => {
        const seen = byUrn.get(meta.urn) ?? { ops: new Map<string, StepEventMetadata>(), last: meta, keys: new Set<string>() };
        seen.ops.set(meta.op, meta);
        seen.last = meta;
        (meta.keys ?? []).forEach((k) => seen.keys.add(k));
        byUrn.set(meta.urn, seen);
        return seen;
    };
    for (const event of [...events].sort((a, b) => a.sequence - b.sequence)) {
        if (event.resourcePreEvent) note(event.resourcePreEvent.metadata);
        if (event.resOutputsEvent) completed.add(note(event.resOutputsEvent.metadata).last.urn);
        if (event.resOpFailedEvent) {
            const meta = event.resOpFailedEvent.metadata;
            failed.add(meta.urn);
            errors.push(`${nameOf(meta.urn)} (${meta.type}): the ${meta.op} step failed`);
        }
        if (event.diagnosticEvent?.severity === "error") {
            if (event.diagnosticEvent.urn) failed.add(event.diagnosticEvent.urn);
            const text = plainText(event.diagnosticEvent.message);
            if (text) errors.push(event.diagnosticEvent.urn ? `${nameOf(event.diagnosticEvent.urn)}: ${text}` : text);
        }
        if (event.summaryEvent) summaryFromEvent = event.summaryEvent.resourceChanges;
    }
    if ("error" in outcome) errors.unshift(outcome.error);

    const differences = [...byUrn.entries()]
        .map(([urn, seen]) => classifyResource(urn, seen))
        .filter((d): d is Difference => d !== undefined)
        .sort((a, b) => DRIFT_KINDS.indexOf(a.kind) - DRIFT_KINDS.indexOf(b.kind) || (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    const changeSummary = "changeSummary" in outcome ? outcome.changeSummary : (summaryFromEvent ?? {});
    // Updates made by the schedule are counted by the engine but are not drift.
    const scheduled = [...byUrn.values()].filter((seen) => isScheduleOnlyUpdate(seen.last)).length;
    const unexplained = sumOps(changeSummary, NO_CHANGE_OPS) - scheduled;
    const unattributed =
        differences.length === 0 && unexplained > 0
            ? Object.fromEntries(Object.entries(changeSummary).filter(([op, n]) => !NO_CHANGE_OPS.has(op) && (n ?? 0) > 0))
            : undefined;
    const status: StackStatus = errors.length > 0 ? "failed" : differences.length > 0 || unattributed ? "drift" : "clean";
    return {
        stack,
        status,
        resourcesChecked: [...completed].filter((urn) => !failed.has(urn)).length,
        changeSummary,
        differences,
        errors,
        ...(unattributed ? { unattributed } : {}),
    };
}
