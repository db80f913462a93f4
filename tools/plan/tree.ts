/**
 * Renders an export's resources the way `pulumi preview` shows a first deployment: a tree by
 * parent, type and name columns, then counts per type.
 */
import type { ExportedResource, StackExport } from "../../policies/lib/stack-export";
import { urnName } from "../../policies/lib/stack-export";

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

/** The resource tree, one line per resource: `+   ├─ <type>  <name>  create`. */
export function renderTree(doc: StackExport): string[] {
    const resources = doc.deployment.resources;
    const byParent = childrenByParent(resources);
    const rows: { label: string; name: string; protect: boolean }[] = [];
    const walk = (r: ExportedResource, prefix: string, last: boolean, root: boolean): void => {
        const branch = root ? "" : last ? "└─ " : "├─ ";
        rows.push({ label: `${prefix}${branch}${r.type}`, name: urnName(r.urn), protect: r.protect === true });
        const kids = byParent.get(r.urn) ?? [];
        const nextPrefix = root ? "" : prefix + (last ? "   " : "│  ");
        kids.forEach((k, i) => walk(k, nextPrefix, i === kids.length - 1, false));
    };
    const roots = byParent.get(undefined) ?? [];
    roots.forEach((r, i) => walk(r, "", i === roots.length - 1, true));
    const width = Math.max(4, ...rows.map((r) => r.label.length)) + 2;
    const nameWidth = Math.max(4, ...rows.map((r) => r.name.length)) + 2;
    return [
        `     ${"Type".padEnd(width)}${"Name".padEnd(nameWidth)}Plan`,
        ...rows.map((r) => ` +${r.protect ? "🔒" : "  "} ${r.label.padEnd(width)}${r.name.padEnd(nameWidth)}create`),
    ];
}

/** Counts of custom resources per type, most frequent first. */
export function countByType(doc: StackExport): [string, number][] {
    const counts = new Map<string, number>();
    for (const r of doc.deployment.resources) {
        if (!r.custom || r.type.startsWith("pulumi:providers:")) continue;
        counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** `Resources: + N to create` as pulumi prints it (all resources, components included). */
export function summaryLine(doc: StackExport): string {
    return `Resources:\n    + ${doc.deployment.resources.length} to create`;
}
