/**
 * The set of region stacks: load every `Pulumi.<stack>.yaml`, validate them together (VPC blocks
 * that overlap each other, replication to unknown stacks or in a cycle) and compute the deploy
 * order (replication destinations before their sources).
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { ipv4CidrsOverlap } from "../../components/lib/cidr";
import { auditHome } from "./audit";
import { checkReplicationRegions } from "./component-checks";
import { at, ConfigError } from "./errors";
import { parseStackConfig, StackConfig } from "./stack";

const STACK_FILE = /^Pulumi\.([^.]+)\.ya?ml$/;

/** Reads one stack file's `config:` map. */
export function readStackFile(file: string): { stack: string; raw: Record<string, unknown> } {
    const base = path.basename(file);
    const match = STACK_FILE.exec(base);
    if (!match) throw new ConfigError(`${base}: not a stack file; stack files are named Pulumi.<stack>.yaml`);
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new ConfigError(`${base}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    let doc: unknown;
    try {
        doc = parseYaml(text);
    } catch (e) {
        throw new ConfigError(`${base}: not valid YAML (${(e as Error).message.split("\n")[0]}); fix the file's syntax`);
    }
    const config = (doc as { config?: unknown } | null)?.config;
    if (typeof config !== "object" || config === null || Array.isArray(config)) {
        throw new ConfigError(`${base}: has no 'config:' map; see the README's "Stack configuration"`);
    }
    return { stack: match[1], raw: config as Record<string, unknown> };
}

/** Every stack file in `dir`, sorted by name. */
export function stackFiles(dir: string): string[] {
    return fs
        .readdirSync(dir)
        .filter((f) => STACK_FILE.test(f))
        .sort()
        .map((f) => path.join(dir, f));
}

/** Loads and validates every stack in `dir` (or only `files`), individually and as a set. */
export function loadStackSet(dir: string, files: string[] = stackFiles(dir)): StackConfig[] {
    if (files.length === 0) throw new ConfigError(`${dir}: no Pulumi.<stack>.yaml files; add one per region stack`);
    const stacks = files.map((f) => {
        const { stack, raw } = readStackFile(f);
        return parseStackConfig(stack, raw, path.basename(f));
    });
    validateStackSet(stacks);
    return stacks;
}

/** Checks that only make sense across stacks. */
export function validateStackSet(stacks: readonly StackConfig[]): void {
    const byName = new Map(stacks.map((s) => [s.stack, s]));
    for (let i = 0; i < stacks.length; i++) {
        for (let j = i + 1; j < stacks.length; j++) {
            const [a, b] = [stacks[i], stacks[j]];
            if (ipv4CidrsOverlap(a.network.cidr, b.network.cidr)) {
                throw new ConfigError(
                    `${at(b.file, "spot-grid:network", ["cidr"])}: ${b.network.cidr} overlaps ${a.network.cidr} of ${a.file}; every region's VPC needs its own block so on-prem can route to each`,
                );
            }
        }
        const s = stacks[i];
        // Every region's tunnels end on the same on-prem firewall: their inside /30s must not overlap.
        (s.network.vpn.tunnelInsideCidrs ?? []).forEach((cidr, k) => {
            for (const other of stacks.slice(0, i)) {
                const clash = (other.network.vpn.tunnelInsideCidrs ?? []).find((o) => ipv4CidrsOverlap(o, cidr));
                if (clash) {
                    throw new ConfigError(
                        `${at(s.file, "spot-grid:network", ["vpn", "tunnelInsideCidrs", k])}: ${cidr} overlaps ${clash} of ${other.file}; the on-prem firewall terminates every region's tunnels, so give each tunnel its own /30`,
                    );
                }
            }
        });
        for (const other of stacks) {
            if (other === s) continue;
            other.onPrem.cidrs.forEach((onPrem) => {
                if (ipv4CidrsOverlap(s.network.cidr, onPrem)) {
                    throw new ConfigError(
                        `${at(s.file, "spot-grid:network", ["cidr"])}: ${s.network.cidr} overlaps the on-prem range ${onPrem} of ${other.file}; pick a block outside every on-prem range`,
                    );
                }
            });
        }
        s.storage.replicateTo.forEach((peer, k) => {
            if (!byName.has(peer)) {
                throw new ConfigError(
                    `${at(s.file, "spot-grid:storage", ["replicateTo", k])}: no stack ${JSON.stringify(peer)} (known: ${[...byName.keys()].join(", ")}); add Pulumi.${peer}.yaml or remove it`,
                );
            }
        });
        checkReplicationRegions(s, (peer) => byName.get(peer)?.region);
    }
    auditHome(stacks);
    deployOrder(stacks);
    const sources = stacks.filter((s) => s.storage.replicateTo.length > 0);
    if (sources.length > 1) {
        throw new ConfigError(
            `${at(sources[1].file, "spot-grid:storage", ["replicateTo"])}: ${sources.map((s) => s.stack).join(" and ")} both replicate to other stacks; one stack, the primary, replicates to the others and takes the uploads, so remove replicateTo from all but the primary (to fail over, move it: docs/data.md)`,
        );
    }
}

/**
 * The primary of the stack set: the one stack that replicates to the others (its
 * `spot-grid:storage.replicateTo` lists them; validateStackSet allows one). It alone takes
 * uploads and reference data and validates them, so replication always has exactly one writer;
 * the other stacks keep their uploader and publisher roles without permissions. A set where no
 * stack replicates (a lone stack) is all primaries: each takes its own uploads.
 * Flipping the primary is a config change: move `replicateTo` to the new primary (docs/data.md).
 */
export function isPrimary(stack: Pick<StackConfig, "stack">, stacks: readonly Pick<StackConfig, "stack" | "storage">[]): boolean {
    const sources = stacks.filter((s) => s.storage.replicateTo.length > 0);
    return sources.length === 0 || sources.some((s) => s.stack === stack.stack);
}

/**
 * Stacks in the order to deploy them: every replication destination before its source, so its
 * bucket and key exist when the source's replication configuration is created. Ties keep name
 * order. @throws ConfigError on a replication cycle, naming it.
 */
export function deployOrder(stacks: readonly StackConfig[]): StackConfig[] {
    const byName = new Map(stacks.map((s) => [s.stack, s]));
    const order: StackConfig[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (s: StackConfig, trail: string[]): void => {
        const st = state.get(s.stack);
        if (st === "done") return;
        if (st === "visiting") {
            const cycle = [...trail.slice(trail.indexOf(s.stack)), s.stack].join(" -> ");
            throw new ConfigError(
                `${at(s.file, "spot-grid:storage", ["replicateTo"])}: replication cycle ${cycle}; replication must flow one way (remove one of these replicateTo entries)`,
            );
        }
        state.set(s.stack, "visiting");
        for (const peer of [...s.storage.replicateTo].sort()) {
            const p = byName.get(peer);
            if (p) visit(p, [...trail, s.stack]);
        }
        state.set(s.stack, "done");
        order.push(s);
    };
    [...stacks].sort((a, b) => a.stack.localeCompare(b.stack)).forEach((s) => visit(s, []));
    return order;
}

/** Groups of stacks that can deploy (or plan) side by side: each group only needs earlier groups. */
export function deployWaves(stacks: readonly StackConfig[]): StackConfig[][] {
    const level = new Map<string, number>();
    for (const s of deployOrder(stacks)) {
        const deps = s.storage.replicateTo.map((p) => level.get(p) ?? 0);
        level.set(s.stack, deps.length ? Math.max(...deps) + 1 : 0);
    }
    const waves: StackConfig[][] = [];
    for (const s of deployOrder(stacks)) (waves[level.get(s.stack)!] ??= []).push(s);
    return waves;
}
