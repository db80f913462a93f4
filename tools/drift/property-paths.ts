/**
 * Property paths in Pulumi's own notation (`tags.owner`, `ingress[0].cidrBlocks[1]`,
 * `tags["cost-centre"]`), and the leaf-level differences between two resource states.
 */

export type Segment = string | number;

export interface PropertyChange {
    /** Path in Pulumi's property-path notation. */
    readonly path: string;
    readonly change: "add" | "update" | "delete";
    /** Value recorded in state (absent for "add"). */
    readonly before?: unknown;
    /** Value found in the cloud (absent for "delete"). */
    readonly after?: unknown;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(segments: readonly Segment[]): string {
    return segments
        .map((s, i) => {
            if (typeof s === "number") return `[${s}]`;
            if (IDENTIFIER.test(s)) return i === 0 ? s : `.${s}`;
            return `[${JSON.stringify(s)}]`;
        })
        .join("");
}

/** Inverse of {@link formatPath}; tolerant of the forms the engine writes in detailed diffs. */
export function parsePath(text: string): Segment[] {
    const segments: Segment[] = [];
    const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
        if (m[1] !== undefined) segments.push(m[1]);
        else if (m[2] !== undefined) segments.push(Number(m[2]));
        else segments.push(JSON.parse(`"${m[3]}"`) as string);
    }
    return segments;
}

export function valueAt(root: unknown, segments: readonly Segment[]): unknown {
    let v: unknown = root;
    for (const s of segments) {
        if (v === null || typeof v !== "object") return undefined;
        v = (v as Record<string | number, unknown>)[s];
    }
    return v;
}

/** Orders paths segment by segment (`tags.x` before `tagsAll.x`, `[2]` before `[10]`). */
export function comparePaths(a: string, b: string): number {
    const [x, y] = [parsePath(a), parsePath(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
        if (x[i] === y[i]) continue;
        if (typeof x[i] === "number" && typeof y[i] === "number") return (x[i] as number) - (y[i] as number);
        return String(x[i]) < String(y[i]) ? -1 : 1;
    }
    return x.length - y.length;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Every leaf that differs between `before` and `after`, sorted by path. */
export function diffValues(before: unknown, after: unknown, prefix: Segment[] = []): PropertyChange[] {
    const out: PropertyChange[] = [];
    const walk = (a: unknown, b: unknown, at: Segment[]): void => {
        if (a === undefined && b === undefined) return;
        if (a === undefined) return void out.push({ path: formatPath(at), change: "add", after: b });
        if (b === undefined) return void out.push({ path: formatPath(at), change: "delete", before: a });
        if (isPlainObject(a) && isPlainObject(b)) {
            const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
            keys.forEach((k) => walk(a[k], b[k], [...at, k]));
            return;
        }
        if (Array.isArray(a) && Array.isArray(b)) {
            for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...at, i]);
            return;
        }
        if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: formatPath(at), change: "update", before: a, after: b });
    };
    walk(before, after, prefix);
    return out.sort((x, y) => comparePaths(x.path, y.path));
}
