/**
 * The stack's resource graph as stack policies see it: reading a link without throwing
 * ({@link peek}), deciding whether one resource points at another ({@link refersTo}), and a
 * per-stack index ({@link stackIndex}) so a policy asking "which versioning configs point at this
 * bucket?" for every bucket does one hash lookup per bucket instead of rescanning the stack.
 *
 * Linearity: the index is built lazily, once per `args.resources` array (a WeakMap, so it lives
 * exactly as long as the policy run's arguments) and, within it, once per (types, field, keys)
 * question. Building walks the resources once; every lookup is a few Map reads. Policies therefore
 * never scan the stack inside a per-resource loop. {@link indexStats} counts the resources the
 * index visits, so tests can show the work is linear without timing anything.
 */
import { isUnknownValue, unjudgeableReason, UnknownValueError } from "./resource-props";

/**
 * Reads `props[key]`, undefined when the value is unknown (preview, where the analyzer's proxy
 * throws on access). For graph links only: an unknown link is resolved through
 * `propertyDependencies` instead. Any other error (such as a secret the export holds only as
 * ciphertext) propagates: a link that cannot be read is not a missing link.
 *
 * Never for a value the policy judges (a flag, a status, rules, a key): read those with `prop`
 * (./resource-props), which throws the analyzer's UnknownValueError on an unknown, so a preview
 * reports "can't run during preview" instead of judging the value as missing (a compliant new
 * stack would fail its preview: tests/policies/preview-conformance.test.ts).
 */
export function peek(props: Record<string, unknown> | undefined, key: string): unknown {
    try {
        const v = props?.[key];
        return unjudgeableReason(v) ? undefined : v;
    } catch (e) {
        if (e instanceof UnknownValueError) return undefined;
        throw e;
    }
}

/** What {@link peekOrPending} returns for a value a preview does not know yet. */
export const PENDING: unique symbol = Symbol("pending");

/**
 * `props[key]`, or {@link PENDING} while a preview does not know it (an ARN or id of a resource
 * created in the same run): for policies that tell "not known yet" (judged at `up`) from
 * "missing".
 */
export function peekOrPending(props: Record<string, unknown> | undefined, key: string): unknown {
    try {
        const v = props?.[key];
        return isUnknownValue(v) ? PENDING : v;
    } catch (e) {
        if (e instanceof UnknownValueError) return PENDING;
        throw e;
    }
}

/** The minimal shape of a stack-policy resource the link helpers need. */
export interface LinkedResource {
    readonly urn: string;
    readonly type: string;
    readonly props: Record<string, unknown>;
    readonly propertyDependencies?: Record<string, ReadonlyArray<{ urn: string }>>;
}

/** A value that can identify a resource in a link (`=== `-comparable and non-empty). */
function isLinkValue(v: unknown): boolean {
    return v !== undefined && v !== null && v !== "" && !(typeof v === "number" && Number.isNaN(v));
}

/**
 * True when `from.props[field]` points at `to`: the engine recorded `to` as a dependency of that
 * property (works while ids are unknown), or the value equals one of `to`'s identifying outputs
 * (`keys`, default id/arn; for buckets also the bucket name). This is how split resources
 * (BucketVersioning, FlowLog, DefaultSecurityGroup, ...) are tied to their bucket or VPC.
 * For many targets use {@link StackIndex.referrers}, which answers the same question in O(1).
 */
export function refersTo(from: LinkedResource, field: string, to: LinkedResource, keys: readonly string[] = ["id", "arn"]): boolean {
    if ((from.propertyDependencies?.[field] ?? []).some((d) => d.urn === to.urn)) return true;
    const v = peek(from.props, field);
    if (v === undefined || v === null || v === "") return false;
    return keys.some((k) => {
        const t = peek(to.props, k);
        return t !== undefined && t !== null && t !== "" && t === v;
    });
}

/** Default identifying outputs of a link target. */
export const DEFAULT_LINK_KEYS: readonly string[] = ["id", "arn"];

/** Referrers of one (types, field) question: by dependency target urn and by the field's value. */
interface LinkIndex {
    readonly byDependency: Map<string, number[]>;
    readonly byValue: Map<unknown, number[]>;
}

interface IndexState<R extends LinkedResource> {
    readonly resources: readonly R[];
    /** Positions in `resources` by type token. */
    readonly byType: Map<string, number[]>;
    readonly ofType: Map<string, R[]>;
    readonly links: Map<string, LinkIndex>;
}

/** Counts of index work, for tests that show it is linear (never timed). */
export interface IndexStats {
    /** Resources visited while building indexes (type index and link indexes). */
    visited: number;
    /** Lookups answered (referrers / ofType calls). */
    lookups: number;
}

const stats: IndexStats = { visited: 0, lookups: 0 };

/** The work done by every index since the last {@link resetIndexStats}. */
export function indexStats(): Readonly<IndexStats> {
    return { ...stats };
}

export function resetIndexStats(): void {
    stats.visited = 0;
    stats.lookups = 0;
}

function push<K>(map: Map<K, number[]>, key: K, i: number): void {
    const list = map.get(key);
    if (list) {
        if (list[list.length - 1] !== i) list.push(i);
    } else {
        map.set(key, [i]);
    }
}

/** One stack's resources, indexed once; see {@link stackIndex}. */
export class StackIndex<R extends LinkedResource = LinkedResource> {
    constructor(private readonly state: IndexState<R>) {}

    /** Resources of any of `types`, in stack order (one list per set of types, built once). */
    ofType(types: readonly string[] | string): R[] {
        stats.lookups++;
        const list = typeof types === "string" ? [types] : types;
        const key = [...new Set(list)].sort().join(",");
        let hit = this.state.ofType.get(key);
        if (!hit) {
            const positions = [...new Set(list)].flatMap((t) => this.state.byType.get(t) ?? []).sort((a, b) => a - b);
            hit = positions.map((i) => this.state.resources[i]);
            this.state.ofType.set(key, hit);
        }
        return hit;
    }

    /**
     * Resources of `types` whose `field` refers to `target` (exactly {@link refersTo}`(r, field,
     * target, keys)`), in stack order, in time independent of the stack's size.
     */
    referrers(types: readonly string[], field: string, target: LinkedResource, keys: readonly string[] = DEFAULT_LINK_KEYS): R[] {
        stats.lookups++;
        const links = this.links(types, field);
        const hits: number[] = [...(links.byDependency.get(target.urn) ?? [])];
        for (const k of keys) {
            const t = peek(target.props, k);
            if (isLinkValue(t)) hits.push(...(links.byValue.get(t) ?? []));
        }
        if (hits.length === 0) return [];
        return [...new Set(hits)].sort((a, b) => a - b).map((i) => this.state.resources[i]);
    }

    /**
     * Resources of `types` whose `field` refers to none of `targets`: settings aimed at something
     * the stack does not create (a versioning or lifecycle configuration for an existing bucket
     * named by hand), which a policy walking its own targets would never see. Linear: one
     * {@link referrers} lookup per target.
     */
    aimedElsewhere(types: readonly string[], field: string, targets: readonly LinkedResource[], keys: readonly string[] = DEFAULT_LINK_KEYS): R[] {
        const attached = new Set<R>();
        for (const t of targets) for (const r of this.referrers(types, field, t, keys)) attached.add(r);
        return this.ofType(types).filter((r) => !attached.has(r));
    }

    private links(types: readonly string[], field: string): LinkIndex {
        const key = `${[...types].sort().join(",")}|${field}`;
        let links = this.state.links.get(key);
        if (links) return links;
        links = { byDependency: new Map(), byValue: new Map() };
        const wanted = new Set(types);
        this.state.resources.forEach((r, i) => {
            if (!wanted.has(r.type)) return;
            stats.visited++;
            for (const d of r.propertyDependencies?.[field] ?? []) push(links!.byDependency, d.urn, i);
            const v = peek(r.props, field);
            if (isLinkValue(v)) push(links!.byValue, v, i);
        });
        this.state.links.set(key, links);
        return links;
    }
}

const indexes = new WeakMap<readonly LinkedResource[], StackIndex<LinkedResource>>();

/**
 * The index of a stack policy's `args.resources`, built on first use and shared by every policy
 * that receives the same array (the offline evaluator hands all stack policies one array; the
 * Pulumi analyzer builds one per policy, which still costs one linear pass per policy).
 */
export function stackIndex<R extends LinkedResource>(resources: readonly R[]): StackIndex<R> {
    let index = indexes.get(resources) as StackIndex<R> | undefined;
    if (!index) {
        const byType = new Map<string, number[]>();
        resources.forEach((r, i) => {
            stats.visited++;
            push(byType, r.type, i);
        });
        index = new StackIndex<R>({ resources, byType, ofType: new Map(), links: new Map() });
        indexes.set(resources, index as unknown as StackIndex<LinkedResource>);
    }
    return index;
}
