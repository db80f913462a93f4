/**
 * Renders an export's resources the way `pulumi preview` shows a first deployment: a tree by
 * parent with type, name and plan columns (reads such as StackReferences as `>` read, not
 * `+` create), the summary of steps, and the stack outputs with secrets as `[secret]`.
 */
import type { ExportedResource, StackExport } from "../../policies/lib/stack-export";
import { isSecretValue, urnName } from "../../policies/lib/stack-export";

/** Width when stdout is not a terminal (CI logs, files). */
export const DEFAULT_WIDTH = 120;

/** A read of an existing resource (`Resource.get`, StackReference), not something the stack creates. */
export const isRead = (r: ExportedResource): boolean => r.external === true;

function childrenByParent(resources: readonly ExportedResource[]): Map<string | undefined, ExportedResource[]> {
    const byParent = new Map<string | undefined, ExportedResource[]>();
    const urns = new Set(resources.map((r) => r.urn));
    for (const r of resources) {
        const parent = r.parent && urns.has(r.parent) ? r.parent : undefined;
        const list = byParent.get(parent) ?? [];
        list.push(r);
        byParent.set(parent, list);
    }
    return byParent;
}

/**
 * A type token as the Pulumi CLI shows it: the module's file part is dropped when it only repeats
 * the type name (`aws:s3/bucket:Bucket` -> `aws:s3:Bucket`), as pkg/backend/display does
 * (simplifyTypeName in github.com/pulumi/pulumi).
 */
export function displayType(type: string): string {
    const parts = type.split(":");
    if (parts.length !== 3 || !parts[2]) return type;
    const [pkg, mod, name] = parts;
    const slash = mod.lastIndexOf("/");
    if (slash < 0 || mod.slice(slash + 1) !== name[0].toLowerCase() + name.slice(1)) return type;
    return `${pkg}:${mod.slice(0, slash)}:${name}`;
}

/** `text` cut to `max` characters by replacing its middle with `...` (the ends say the most). */
export function truncateMiddle(text: string, max: number): string {
    if (text.length <= max) return text;
    if (max <= 3) return text.slice(0, max);
    const keep = max - 3;
    const head = Math.ceil(keep / 2);
    return `${text.slice(0, head)}...${text.slice(text.length - (keep - head))}`;
}

export interface TreeOptions {
    /** Total line width to fit. @default DEFAULT_WIDTH */
    width?: number;
}

/**
 * The resource tree, one line per resource: ` +   ├─ <type>  <name>  create`, fitted to `width`:
 * type tokens are shortened in the middle first, then names; the tree prefix and the plan column
 * are never cut.
 */
export function renderTree(doc: StackExport, opts: TreeOptions = {}): string[] {
    const width = opts.width ?? DEFAULT_WIDTH;
    const resources = doc.deployment.resources;
    const byParent = childrenByParent(resources);
    const rows: { prefix: string; type: string; name: string; protect: boolean; read: boolean }[] = [];
    const walk = (r: ExportedResource, prefix: string, last: boolean, root: boolean): void => {
        const branch = root ? "" : last ? "└─ " : "├─ ";
        rows.push({ prefix: `${prefix}${branch}`, type: displayType(r.type), name: urnName(r.urn), protect: r.protect === true, read: isRead(r) });
        const kids = byParent.get(r.urn) ?? [];
        const nextPrefix = root ? "" : prefix + (last ? "   " : "│  ");
        kids.forEach((k, i) => walk(k, nextPrefix, i === kids.length - 1, false));
    };
    const roots = byParent.get(undefined) ?? [];
    roots.forEach((r, i) => walk(r, "", i === roots.length - 1, true));

    const lead = 6; // " + 🔒 " / " >    ": op, lock (two columns wide), space
    const plan = "create".length;
    const gap = 2;
    let labelWidth = Math.max(4, ...rows.map((r) => r.prefix.length + r.type.length));
    let nameWidth = Math.max(4, ...rows.map((r) => r.name.length));
    const excess = lead + labelWidth + gap + nameWidth + gap + plan - width;
    if (excess > 0) {
        // Types first (down to 24 characters of token), then names (down to 16).
        const deepest = Math.max(...rows.map((r) => r.prefix.length));
        const typeCut = Math.min(excess, Math.max(0, labelWidth - (deepest + 24)));
        labelWidth -= typeCut;
        nameWidth -= Math.min(excess - typeCut, Math.max(0, nameWidth - 16));
    }
    const line = (op: string, lock: string, label: string, name: string, planWord: string): string =>
        `${op}${lock} ${label.padEnd(labelWidth)}${" ".repeat(gap)}${name.padEnd(nameWidth)}${" ".repeat(gap)}${planWord}`.trimEnd();
    return [
        line("   ", "  ", "Type", "Name", "Plan"),
        ...rows.map((r) =>
            line(
                r.read ? " > " : " + ",
                r.protect ? "🔒" : "  ",
                r.prefix + truncateMiddle(r.type, labelWidth - r.prefix.length),
                truncateMiddle(r.name, nameWidth),
                r.read ? "read" : "create",
            ),
        ),
    ];
}

/** Counts of created custom resources per type, most frequent first (reads and providers left out). */
export function countByType(doc: StackExport): [string, number][] {
    const counts = new Map<string, number>();
    for (const r of doc.deployment.resources) {
        if (!r.custom || isRead(r) || r.type.startsWith("pulumi:providers:")) continue;
        counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** Resources the stack creates (components included, reads not), as `pulumi preview` counts them. */
export function createCount(doc: StackExport): number {
    return doc.deployment.resources.filter((r) => !isRead(r)).length;
}

/** The steps summary as pulumi prints it: `+ N to create`, and `> N to read` when there are reads. */
export function summaryLines(doc: StackExport): string[] {
    const reads = doc.deployment.resources.filter(isRead).length;
    return ["Resources:", `    + ${createCount(doc)} to create`, ...(reads ? [`    > ${reads} to read`] : [])];
}

/** A stack output's value for display: strings quoted, secrets (at any depth) as `[secret]`. */
export function displayValue(value: unknown): string {
    const mask = (v: unknown): unknown => {
        if (isSecretValue(v)) return SECRET;
        if (Array.isArray(v)) return v.map(mask);
        if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mask(x)]));
        return v;
    };
    return JSON.stringify(mask(value)).replaceAll(JSON.stringify(SECRET), "[secret]");
}
const SECRET = "\u0000[secret]\u0000";

/** The `Outputs:` section: one line per stack output, sorted, cut to `width`. */
export function renderOutputs(doc: StackExport, opts: TreeOptions = {}): string[] {
    const width = opts.width ?? DEFAULT_WIDTH;
    const stack = doc.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack");
    const outputs = Object.entries((stack?.outputs as Record<string, unknown>) ?? {}).sort(([a], [b]) => a.localeCompare(b));
    if (outputs.length === 0) return [];
    const keyWidth = Math.max(...outputs.map(([k]) => k.length)) + 1;
    return ["Outputs:", ...outputs.map(([k, v]) => truncateMiddle(`    ${`${k}:`.padEnd(keyWidth)} ${displayValue(v)}`, width))];
}
