/**
 * What `npm run up` checks before it lets `pulumi up` change anything: every policy pack exists,
 * is registered and can load, so no update ever runs without one of them.
 */
import * as fs from "fs";
import * as path from "path";
import type { PackDefinition } from "../../policies/lib/pack";

/** Pack directories under policies/: those with a PulumiPolicy.yaml. */
export function packDirectories(root: string): string[] {
    const dir = path.join(root, "policies");
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && fs.existsSync(path.join(dir, e.name, "PulumiPolicy.yaml")))
        .map((e) => e.name)
        .sort();
}

/**
 * Why the packs cannot all run, one line each (empty when they can): a pack directory the registry
 * does not know (it would never run offline or in tests), a registered pack with no directory (it
 * could not run under pulumi), or a pack whose @pulumi/policy does not resolve (not installed).
 */
export function packProblems(root: string, packs: readonly PackDefinition[], resolve: (id: string, from: string) => void = (id, from) => void require.resolve(id, { paths: [from] })): string[] {
    const problems: string[] = [];
    const dirs = packDirectories(root);
    const registered = packs.map((p) => p.dir);
    for (const d of dirs) if (!registered.includes(d)) problems.push(`policies/${d} is a policy pack that policies/registry.ts does not list; register it (or remove the directory)`);
    for (const p of packs) {
        const dir = path.join(root, "policies", p.dir);
        if (!dirs.includes(p.dir)) {
            problems.push(`the registered pack ${p.name} has no policies/${p.dir}/PulumiPolicy.yaml; restore it`);
            continue;
        }
        for (const file of ["index.ts", "package.json"]) {
            if (!fs.existsSync(path.join(dir, file))) problems.push(`policies/${p.dir} has no ${file}; restore it`);
        }
        try {
            resolve("@pulumi/policy", dir);
        } catch {
            problems.push(`policies/${p.dir} cannot load @pulumi/policy; run npm ci`);
        }
    }
    return problems;
}

/** `--policy-pack policies/<dir>` for each pack, in registry order. */
export function policyPackArgs(packs: readonly PackDefinition[]): string[] {
    return packs.flatMap((p) => ["--policy-pack", `policies/${p.dir}`]);
}

/** `pulumi up` with every pack, in registry order: the one command the deploy path runs. */
export function upCommand(stack: string, packs: readonly PackDefinition[], opts: { yes?: boolean; passThrough?: readonly string[] } = {}): string[] {
    return ["up", "--stack", stack, ...policyPackArgs(packs), ...(opts.yes ? ["--yes"] : []), ...(opts.passThrough ?? [])];
}
