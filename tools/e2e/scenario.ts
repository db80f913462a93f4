/**
 * The end-to-end scenario of issue 12, run against the real Pulumi CLI, engine, analyzer host and
 * Automation API, with only the cloud emulated. Steps (docs/operations.md "End-to-end run"):
 *
 * 1. `pulumi preview` of each stack with every policy pack: no mandatory violation;
 * 2. `pulumi up` wave by wave (replication destinations first); StackReferences read the peers'
 *    real outputs from the file backend;
 * 3. `pulumi up` again, with the packs: no changes;
 * 4. `pulumi stack export` = `npm run plan`'s export, apart from what only the engine fills in;
 * 5. `npm run policy:check` on the real exports = the analyzer's verdicts; the offline preview
 *    lane (offline engine in preview mode) = step 1's real preview verdicts, advisories included;
 * 6. console drift found by `npm run drift`, classified, exit 1; a stack it cannot read is failed;
 * 7. a careless change: the real preview and the offline plan report the same mandatory violation;
 * 8. `pulumi destroy` refused for the protected resources; every bucket and key still exists.
 *
 * A stack is previewed (1) just before its wave is deployed (2): a stack's StackReferences can only
 * read peers that exist, so the primary region is previewed once its replicas are up.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { deployOrder, deployWaves, loadStackSet, StackConfig } from "../../infra/config";
import { allPacks } from "../../policies/registry";
import { evaluateStackExport } from "../../policies/lib/evaluator";
import { isSecretValue, parseStackExport, StackExport } from "../../policies/lib/stack-export";
import { CloudStore } from "../aws-emulator/cloud";
import { stackOutputsOf } from "../offline/export";
import { runStacks } from "../plan/run-stacks";
import { policyPackArgs } from "../up/guard";
import { formatPath } from "../drift/property-paths";
import type { StackDrift } from "../drift/classify";
import type { RecordedRun } from "../drift/engine";
import { recordedRunJson } from "../drift/engine";
import type { Cli } from "./cli";
import { compareExports, describeDifference, ENGINE_FILLED } from "./compare";
import { runIn, RunResult, Sandbox, tail } from "./sandbox";
import { compareVerdicts, isPreviewUnknown, key, mandatory, packsThatRan, Verdict, verdictsFromEventLog, verdictsFromJson } from "./verdicts";

/** A step's check failed: the message says what, `log` where the full output is. */
export class StepFailed extends Error {
    constructor(message: string, readonly log?: string) {
        super(message);
    }
}

export interface ScenarioOptions {
    sandbox: Sandbox;
    cli: Cli;
    /** One line per finished step. */
    report: (line: string) => void;
    /** Write the recorded drift runs as test fixtures into this directory. */
    recordFixtures?: string;
    /** Stacks run side by side within a wave. @default the number of CPUs */
    parallel?: number;
}

const PROJECT = "spot-grid";
const stackUrn = (stack: string): string => `urn:pulumi:${stack}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${stack}`;

function seconds(s: number): string {
    return s >= 60 ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s` : `${s.toFixed(1)}s`;
}

/** Runs `work` for each item, at most `limit` at a time; resolves in item order. */
async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
    const results: R[] = new Array(items.length);
    let next = 0;
    const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
        while (next < items.length) {
            const i = next++;
            results[i] = await work(items[i]);
        }
    });
    await Promise.all(lanes);
    return results;
}

export async function runScenario(opts: ScenarioOptions): Promise<void> {
    const sb = opts.sandbox;
    // Stacks of one wave are independent: run them side by side, as many as there are cores.
    const lanes = opts.parallel ?? Math.max(1, os.cpus().length);
    const pulumiBin = path.join(opts.cli.binDir, "pulumi");
    const packArgs = policyPackArgs(allPacks);
    const dir = (name: string): string => {
        const d = path.join(sb.root, name);
        fs.mkdirSync(d, { recursive: true });
        return d;
    };

    // --event-log is one of the CLI's debug flags (the Automation API turns them on the same way).
    const pulumi = (label: string, args: string[]): Promise<RunResult> =>
        runIn(sb, label, pulumiBin, [...args, "--non-interactive", "--color", "never"], { PULUMI_DEBUG_COMMANDS: "true" });
    const npm = (label: string, script: string, args: string[]): Promise<RunResult> => runIn(sb, label, "npm", ["run", "-s", script, "--", ...args]);
    /** Every pack must have analyzed the stack: a pack that fails to load must not pass silently. */
    const allPacksRan = (eventLog: string, r: RunResult, what: string): void => {
        const ran = packsThatRan(eventLog);
        const missing = allPacks.map((p) => p.name).filter((n) => !ran.includes(n));
        if (missing.length > 0) throw new StepFailed(`${what}: the policy pack(s) ${missing.join(", ")} did not run:\n${tail(r)}`, r.log);
    };
    const must = (r: RunResult, what: string): RunResult => {
        if (r.code !== 0) throw new StepFailed(`${what} failed (exit ${r.code}):\n${tail(r)}`, r.log);
        return r;
    };
    const step = async (n: number, title: string, body: () => Promise<string>): Promise<void> => {
        const started = Date.now();
        const detail = await body();
        opts.report(`[${n}] ${title}: ${detail} (${seconds((Date.now() - started) / 1000)})`);
    };

    const stacks: StackConfig[] = loadStackSet(sb.project);
    const order = deployOrder(stacks).map((s) => s.stack);
    const waves = deployWaves(stacks).map((w) => w.map((s) => s.stack));
    for (const s of order) must(await pulumi(`stack-init-${s}`, ["stack", "init", s, "--secrets-provider", "passphrase"]), `pulumi stack init ${s}`);

    // --- 1 and 2, wave by wave
    const previewVerdicts = new Map<string, Verdict[]>();
    for (const [w, wave] of waves.entries()) {
        await inParallel(wave, lanes, (s) =>
            step(1, `preview ${s} with ${allPacks.length} policy packs`, async () => {
                const events = path.join(dir("events"), `1-preview-${s}.jsonl`);
                const r = await pulumi(`preview-${s}`, ["preview", "--stack", s, ...packArgs, "--event-log", events]);
                const log = readLog(events);
                const verdicts = verdictsFromEventLog(log, stackUrn(s));
                previewVerdicts.set(s, verdicts);
                const m = mandatory(verdicts);
                if (m.length > 0) throw new StepFailed(`pulumi preview ${s}: ${m.length} mandatory violation(s):\n${m.map((v) => `  ${key(v)}: ${v.message}`).join("\n")}`, r.log);
                must(r, `pulumi preview ${s}`);
                allPacksRan(log, r, `pulumi preview ${s}`);
                const unknown = verdicts.filter(isPreviewUnknown).length;
                return `0 mandatory, ${verdicts.length - unknown} other advisory, ${unknown} "can't run during preview" (values unknown until up)`;
            }),
        );
        await step(2, `npm run up, wave ${w + 1}/${waves.length} (${wave.join(", ")})`, async () => {
            const created = await inParallel(wave, lanes, async (s) => {
                // The README's deploy command: npm run up runs pulumi up with every pack (tools/up).
                const r = must(await npm(`up-${s}`, "up", ["--stack", s, "--yes", "--", "--skip-preview", "--non-interactive", "--color", "never"]), `npm run up -- --stack ${s}`);
                return `${s} ${/^\s*\+ (\d+) created/m.exec(r.stdout)?.[1] ?? "?"} created`;
            });
            return created.join(", ");
        });
    }

    // --- 3
    const knownVerdicts = new Map<string, Verdict[]>();
    await step(3, `up again with the packs, --expect-no-changes (${order.join(", ")})`, async () => {
        await inParallel(order, lanes, async (s) => {
            const events = path.join(dir("events"), `3-up-${s}.jsonl`);
            // --skip-preview: the packs then run once, on the update itself (a preview would start them twice).
            const r = await pulumi(`up-again-${s}`, ["up", "--yes", "--skip-preview", "--expect-no-changes", "--stack", s, ...packArgs, "--event-log", events]);
            const log = readLog(events);
            if (r.code !== 0) {
                const changed = changedResources(log);
                throw new StepFailed(`pulumi up ${s} again is not a no-op (a perpetual diff):\n${changed.length ? changed.map((c) => `  ${c}`).join("\n") : tail(r)}`, r.log);
            }
            allPacksRan(log, r, `pulumi up ${s}`);
            const verdicts = verdictsFromEventLog(log, stackUrn(s));
            if (mandatory(verdicts).length > 0) throw new StepFailed(`pulumi up ${s}: mandatory violations: ${mandatory(verdicts).map(key).join("; ")}`, r.log);
            knownVerdicts.set(s, verdicts);
        });
        return `no changes in ${order.length} stacks; analyzer on known values: ${order.map((s) => `${s} ${knownVerdicts.get(s)!.length} advisory`).join(", ")}`;
    });

    // --- 4
    const exportsDir = dir("exports");
    const real = new Map<string, { plain: string; secrets: string; doc: StackExport }>();
    await step(4, "pulumi stack export vs npm run plan", async () => {
        for (const s of order) {
            const plain = path.join(exportsDir, `${s}.json`);
            const secrets = path.join(exportsDir, `${s}.show-secrets.json`);
            must(await pulumi(`export-${s}`, ["stack", "export", "--stack", s, "--file", plain]), `pulumi stack export ${s}`);
            must(await pulumi(`export-secrets-${s}`, ["stack", "export", "--stack", s, "--show-secrets", "--file", secrets]), `pulumi stack export --show-secrets ${s}`);
            real.set(s, { plain, secrets, doc: parseStackExport(fs.readFileSync(plain, "utf8"), plain) });
        }
        const refs = checkStackReferences(stacks, real);
        const planDir = dir("plan");
        must(await npm("plan", "plan", ["--out", planDir, "--format", "json"]), "npm run plan");
        const problems: string[] = [];
        let compared = 0;
        for (const s of order) {
            const offline = parseStackExport(fs.readFileSync(path.join(planDir, `${s}.json`), "utf8"));
            const diffs = compareExports(real.get(s)!.doc, offline);
            compared += real.get(s)!.doc.deployment.resources.length;
            problems.push(...diffs.map((d) => `${s}: ${describeDifference(d)}`));
        }
        if (problems.length > 0) {
            throw new StepFailed(`the offline plan differs from the engine's state (fix the offline engine, tools/offline):\n${problems.slice(0, 25).map((p) => `  ${p}`).join("\n")}${problems.length > 25 ? `\n  ... and ${problems.length - 25} more` : ""}`);
        }
        return `StackReferences hold the peers' real outputs (${refs.join(", ") || "none"}); ${compared} resources: same URNs, types, parents, dependencies, property dependencies, protect/retainOnDelete, ids and inputs (engine-filled, ignored: ${ENGINE_FILLED.resourceFields.join(", ")}, provider inputs ${ENGINE_FILLED.providerInputs.join("/")}, provider ids)`;
    });

    // --- 5
    await step(5, "npm run policy:check on the real exports (with and without --show-secrets)", async () => {
        const problems: string[] = [];
        const counts: string[] = [];
        const checks = order.flatMap((s) => [["show-secrets", real.get(s)!.secrets], ["ciphertext", real.get(s)!.plain]].map(([form, file]) => ({ s, form, file })));
        const ran = await inParallel(checks, lanes, async (c) => ({ ...c, r: await npm(`policy-check-${c.s}-${c.form}`, "policy:check", ["--state", c.file, "--format", "json"]) }));
        for (const { s, form, file, r } of ran) {
            const analyzer = knownVerdicts.get(s)!;
            if (r.code !== 0 && r.code !== 1) throw new StepFailed(`npm run policy:check ${file} failed (exit ${r.code}):\n${tail(r)}`, r.log);
            const offline = verdictsFromJson((JSON.parse(r.stdout) as { violations: Parameters<typeof verdictsFromJson>[0] }).violations, stackUrn(s));
            // With plaintext the evaluator must agree with the analyzer exactly; with ciphertext
            // only, it may add "cannot be judged" advisories, but never a different mandatory verdict.
            const d = form === "show-secrets" ? compareVerdicts(offline, analyzer) : compareVerdicts(mandatory(offline), mandatory(analyzer));
            d.onlyLeft.forEach((k) => problems.push(`${s} (${form}): policy:check reports ${k}, the analyzer does not`));
            d.onlyRight.forEach((k) => problems.push(`${s} (${form}): the analyzer reports ${k}, policy:check does not`));
            const fromPreview = compareVerdicts(mandatory(offline), mandatory(previewVerdicts.get(s)!));
            [...fromPreview.onlyLeft, ...fromPreview.onlyRight].forEach((k) => problems.push(`${s} (${form}): mandatory verdict differs from step 1: ${k}`));
            counts.push(`${s}/${form} ${mandatory(offline).length} mandatory ${offline.length - mandatory(offline).length} advisory`);
        }
        // The offline preview lane (npm test's preview conformance) against step 1's real previews:
        // each stack planned as its first preview, its StackReferences reading what the real ones
        // read (the deployed peers' outputs), judged by the evaluator. Every verdict must match,
        // the "can't run during preview" advisories included.
        const lane = await offlinePreviewVerdicts(stacks, sb.project, Object.fromEntries(order.map((s) => [s, stackOutputsOf(real.get(s)!.doc)])));
        for (const s of order) {
            const d = compareVerdicts(lane.get(s)!, previewVerdicts.get(s)!);
            d.onlyLeft.forEach((k) => problems.push(`${s} (preview): the offline preview lane reports ${k}, the real preview of step 1 does not`));
            d.onlyRight.forEach((k) => problems.push(`${s} (preview): the real preview of step 1 reports ${k}, the offline preview lane does not`));
        }
        if (problems.length > 0) throw new StepFailed(`npm run policy:check disagrees with the real analyzer:\n${problems.map((p) => `  ${p}`).join("\n")}`);
        const previews = order.map((s) => `${s} ${lane.get(s)!.filter(isPreviewUnknown).length} "can't run during preview"`).join(", ");
        return `same verdicts as the analyzer (${counts.join("; ")}); the offline preview lane gives step 1's verdicts (${previews})`;
    });

    // --- 6
    const target = order[order.length - 1];
    await step(6, `drift on ${target} (console edits) found by npm run drift`, async () => {
        const doc = real.get(target)!.doc;
        const edits = planDriftEdits(doc);
        for (const e of edits) must(await npm(`console-${e.kind}-${e.name}`, "aws-console", e.args), `npm run aws-console -- ${e.args.join(" ")}`);
        const out = dir("drift");
        const runs = dir("drift-runs");
        const r = await npm("drift", "drift", ["--out", out, "--record", runs]);
        if (r.code !== 1) throw new StepFailed(`npm run drift exited ${r.code}, expected 1 (drift found):\n${tail(r)}`, r.log);
        const found = JSON.parse(fs.readFileSync(path.join(out, `${target}.json`), "utf8")) as StackDrift;
        const got = found.differences.map((d) => `${d.kind} ${d.urn} [${d.properties.map((p) => p.path).join(", ")}]`).sort();
        const want = edits.map((e) => `${e.expect.kind} ${e.urn} [${e.expect.paths.join(", ")}]`).sort();
        if (JSON.stringify(got) !== JSON.stringify(want)) {
            throw new StepFailed(`npm run drift did not report exactly the console's changes on ${target}:\n  expected:\n${want.map((l) => `    ${l}`).join("\n")}\n  got:\n${got.map((l) => `    ${l}`).join("\n")}`, r.log);
        }
        for (const s of order.filter((x) => x !== target)) {
            const other = JSON.parse(fs.readFileSync(path.join(out, `${s}.json`), "utf8")) as StackDrift;
            if (other.status !== "clean") throw new StepFailed(`npm run drift: ${s} should be clean, is ${other.status}`, r.log);
        }

        // A stack whose resource the drift role can no longer read is reported as failed (exit 2).
        const locked = order.find((s) => real.get(s)!.doc.deployment.resources.some((x) => x.type === "aws:kms/key:Key"));
        if (!locked) throw new StepFailed("no stack has a KMS key to lock the drift role out of");
        const lockedKey = real.get(locked)!.doc.deployment.resources.find((x) => x.type === "aws:kms/key:Key")!;
        must(await npm("console-deny", "aws-console", ["deny", String(lockedKey.id), "--type", lockedKey.type]), "npm run aws-console -- deny");
        const failedRuns = dir("drift-runs-failed");
        const f = await npm("drift-failed", "drift", ["--stack", locked, "--out", dir("drift-failed"), "--record", failedRuns]);
        if (f.code !== 2 || !/could not be checked/.test(f.stdout)) throw new StepFailed(`npm run drift on ${locked} with an unreadable key exited ${f.code}, expected 2 (could not be checked):\n${tail(f)}`, f.log);

        if (opts.recordFixtures) {
            writeFixture(opts.recordFixtures, "drifted.json", path.join(runs, `${target}.json`), `Recorded by \`npm run e2e -- --record-fixtures\`: Stack.previewRefresh() of ${target} on the real CLI ${opts.cli.version} after four console changes (workers egress opened, data bucket versioning suspended, a tag added by hand, an interface endpoint deleted).`);
            writeFixture(opts.recordFixtures, "clean.json", path.join(runs, `${locked}.json`), `Recorded by \`npm run e2e -- --record-fixtures\`: Stack.previewRefresh() of ${locked} on the real CLI ${opts.cli.version}, no drift.`);
            writeFixture(opts.recordFixtures, "failed.json", path.join(failedRuns, `${locked}.json`), `Recorded by \`npm run e2e -- --record-fixtures\`: Stack.previewRefresh() of ${locked} on the real CLI ${opts.cli.version} after a KMS key was made unreadable (aws-console deny): the refresh fails with AWS's 403.`);
        }
        return `exit 1; ${target}: ${edits.map((e) => `${e.expect.kind} ${e.name}`).join(", ")}; others clean; an unreadable key makes ${locked} "could not be checked" (exit 2)`;
    });

    // --- 7
    await step(7, `a careless change on ${target}: real preview and offline plan agree`, async () => {
        const sg = real.get(target)!.doc.deployment.resources.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.urn.includes("WorkersSecurityGroup$"));
        if (!sg?.id) throw new StepFailed(`no workers security group in ${target}'s state`);
        const restore = applyCarelessChange(sb.project, String(sg.id));
        try {
            const events = path.join(dir("events"), `7-preview-${target}.jsonl`);
            const r = await pulumi(`preview-careless-${target}`, ["preview", "--stack", target, ...packArgs, "--event-log", events]);
            const log = readLog(events);
            allPacksRan(log, r, `pulumi preview ${target} with the careless change`);
            const realVerdicts = mandatory(verdictsFromEventLog(log, stackUrn(target)));
            if (r.code === 0) throw new StepFailed(`pulumi preview ${target} passed a public egress rule`, r.log);
            const expected = `mandatory sg-no-public-egress ${CARELESS_URN(target)}`;
            if (!realVerdicts.some((v) => key(v) === expected)) throw new StepFailed(`pulumi preview ${target} did not report ${expected}; it reported: ${realVerdicts.map(key).join("; ") || "nothing"}`, r.log);
            const p = await npm(`plan-careless-${target}`, "plan", ["--stack", target, "--out", dir("plan-careless"), "--format", "json"]);
            if (p.code !== 1) throw new StepFailed(`npm run plan with the careless change exited ${p.code}, expected 1:\n${tail(p)}`, p.log);
            const planned = (JSON.parse(p.stdout) as { stacks: { stack: string; violations: Parameters<typeof verdictsFromJson>[0] }[] }).stacks.find((x) => x.stack === target)!;
            const offline = mandatory(verdictsFromJson(planned.violations, stackUrn(target)));
            const d = compareVerdicts(offline, realVerdicts);
            if (d.onlyLeft.length + d.onlyRight.length > 0) {
                throw new StepFailed(`offline plan and real preview disagree on the careless change:\n${d.onlyLeft.map((k) => `  only offline: ${k}`).join("\n")}\n${d.onlyRight.map((k) => `  only real: ${k}`).join("\n")}`, p.log);
            }
            return `both fail with ${realVerdicts.map((v) => `${v.policy} on ${v.urn.split("::").pop()}`).join(", ")}`;
        } finally {
            restore();
        }
    });

    // --- 8
    await step(8, `pulumi destroy ${target} is refused for protected resources`, async () => {
        const cloud = new CloudStore(sb.cloudFile);
        const before = cloud.list().length;
        const events = path.join(dir("events"), `8-destroy-${target}.jsonl`);
        const r = await pulumi(`destroy-${target}`, ["destroy", "--yes", "--stack", target, "--event-log", events]);
        if (r.code === 0) throw new StepFailed(`pulumi destroy ${target} succeeded; the protected buckets and keys should have stopped it`, r.log);
        const protectedUrns = real.get(target)!.doc.deployment.resources.filter((x) => x.protect).map((x) => x.urn).sort();
        const refused = refusedAsProtected(readLog(events));
        const missing = protectedUrns.filter((u) => !refused.includes(u));
        if (protectedUrns.length === 0 || missing.length > 0) throw new StepFailed(`pulumi destroy ${target} did not refuse every protected resource: ${missing.join(", ") || "none are protected"}`, r.log);
        const held = new Set(cloud.list().map((c) => `${c.type} ${c.id}`));
        const lost: string[] = [];
        for (const s of order) {
            for (const x of real.get(s)!.doc.deployment.resources) {
                if ((x.type === "aws:s3/bucket:Bucket" || x.type === "aws:kms/key:Key") && !held.has(`${x.type} ${x.id}`)) lost.push(`${s}: ${x.type} ${x.id}`);
            }
        }
        if (lost.length > 0) throw new StepFailed(`the account lost data stores: ${lost.join(", ")}`, r.log);
        const after = cloud.list().length;
        return `refused for ${protectedUrns.length} protected resources; every bucket and key of ${order.length} stacks still exists (${before} resources in the account before, ${after} after)`;
    });
}

/**
 * The offline preview lane's verdicts per stack: every stack of the sandbox's program planned as
 * `pulumi preview` of it, new, would see it (tools/offline/engine.ts preview mode), `peers`
 * answering its StackReferences, and judged by the offline evaluator. In this process (a second).
 */
async function offlinePreviewVerdicts(stacks: readonly StackConfig[], project: string, peers: Record<string, Record<string, unknown>>): Promise<Map<string, Verdict[]>> {
    let planned;
    try {
        planned = await runStacks(stacks, { stacksDir: project, program: path.join(project, "infra"), knownOutputs: peers, preview: true });
    } catch (e) {
        throw new StepFailed(`the offline preview lane failed: ${(e as Error)?.message ?? e}`);
    }
    const out = new Map<string, Verdict[]>();
    for (const p of planned) out.set(p.stack, verdictsFromJson((await evaluateStackExport(p.doc)).violations, stackUrn(p.stack)));
    return out;
}

/** An engine event log; empty when the CLI stopped before writing one. */
function readLog(file: string): string {
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
}

/** The URNs the engine refused to delete because they are protected (its error diagnostics). */
export function refusedAsProtected(eventLog: string): string[] {
    const urns = new Set<string>();
    for (const line of eventLog.split("\n")) {
        if (!line.trim()) continue;
        try {
            const d = (JSON.parse(line) as { diagnosticEvent?: { urn?: string; message: string; severity: string } }).diagnosticEvent;
            if (d?.severity === "error" && d.urn && /cannot be deleted[\s\S]*because it is protected/.test(d.message)) urns.add(d.urn);
        } catch {
            // partial line
        }
    }
    return [...urns].sort();
}

/** Resources an `--expect-no-changes` run wanted to change, from its event log. */
export function changedResources(eventLog: string): string[] {
    const out: string[] = [];
    for (const line of eventLog.split("\n")) {
        if (!line.trim()) continue;
        try {
            const m = (JSON.parse(line) as { resourcePreEvent?: { metadata: { op: string; urn: string; diffs?: string[] } } }).resourcePreEvent?.metadata;
            if (m && !["same", "read", "refresh"].includes(m.op)) out.push(`${m.op} ${m.urn}${m.diffs?.length ? ` (${m.diffs.join(", ")})` : ""}`);
        } catch {
            // partial line
        }
    }
    return out;
}

/** Step 2's claim: every StackReference holds its peer's real stack outputs. Returns how many were checked. */
function checkStackReferences(stacks: readonly StackConfig[], real: Map<string, { doc: StackExport }>): string[] {
    const checked: string[] = [];
    const plain = (v: unknown): string => JSON.stringify(v, (_k, x) => (isSecretValue(x) ? "[secret]" : x));
    for (const s of stacks) {
        for (const ref of real.get(s.stack)!.doc.deployment.resources.filter((r) => r.type === "pulumi:pulumi:StackReference")) {
            const peer = String(ref.id).split("/").pop()!;
            const peerStack = real.get(peer)?.doc.deployment.resources.find((r) => r.type === "pulumi:pulumi:Stack");
            if (!peerStack) throw new StepFailed(`${s.stack}'s StackReference ${ref.id} names a stack this run did not deploy`);
            const got = (ref.outputs as { outputs?: Record<string, unknown> } | undefined)?.outputs ?? {};
            const want = (peerStack.outputs ?? {}) as Record<string, unknown>;
            for (const k of Object.keys(want)) {
                if (plain(got[k]) !== plain(want[k])) throw new StepFailed(`${s.stack}'s StackReference to ${peer} holds ${k}=${plain(got[k])}, ${peer}'s stack has ${plain(want[k])}`);
            }
            checked.push(`${s.stack}->${peer}`);
        }
    }
    return checked;
}

interface DriftEdit {
    kind: string;
    name: string;
    urn: string;
    args: string[];
    expect: { kind: string; paths: string[] };
}

export const DRIFT_TAG = "console-edit";

/**
 * The four console changes of step 6, found in the stack's real state so they follow the program:
 * the workers' egress opened to 0.0.0.0/0, a data bucket's versioning suspended, a tag added by
 * hand on the VPC, and an interface endpoint deleted.
 */
export function planDriftEdits(doc: StackExport): DriftEdit[] {
    const rs = doc.deployment.resources;
    const name = (urn: string): string => urn.slice(urn.lastIndexOf("::") + 2);
    const need = <T>(x: T | undefined, what: string): T => {
        if (!x) throw new StepFailed(`cannot find ${what} in the stack's state for the drift step`);
        return x;
    };
    const edits: DriftEdit[] = [];

    const inline = rs.find((r) => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.urn.includes("WorkersSecurityGroup$"));
    const egress = (inline?.inputs?.egress as { cidrBlocks?: string[] }[] | undefined) ?? [];
    const i = egress.findIndex((e) => (e.cidrBlocks ?? []).length > 0);
    if (inline && i >= 0) {
        edits.push({ kind: "egress", name: name(inline.urn), urn: inline.urn, args: ["set", String(inline.id), `egress[${i}].cidrBlocks`, '["0.0.0.0/0"]', "--type", inline.type], expect: { kind: "modified", paths: [formatPath(["egress", i, "cidrBlocks", 0])] } });
    } else {
        const rule = need(rs.find((r) => r.type === "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule" && r.urn.includes("WorkersSecurityGroup$")), "a workers security group egress rule");
        edits.push({ kind: "egress", name: name(rule.urn), urn: rule.urn, args: ["set", String(rule.id), "cidrIpv4", '"0.0.0.0/0"', "--type", rule.type], expect: { kind: "modified", paths: ["cidrIpv4"] } });
    }

    const versioning = need(rs.find((r) => r.type === "aws:s3/bucketVersioning:BucketVersioning" && r.urn.includes("ReplicatedBucket$")), "the data bucket's versioning");
    edits.push({ kind: "versioning", name: name(versioning.urn), urn: versioning.urn, args: ["set", String(versioning.id), "versioningConfiguration.status", '"Suspended"', "--type", versioning.type], expect: { kind: "modified", paths: ["versioningConfiguration.status"] } });

    const vpc = need(rs.find((r) => r.type === "aws:ec2/vpc:Vpc"), "the VPC");
    edits.push({ kind: "tag", name: name(vpc.urn), urn: vpc.urn, args: ["tag", String(vpc.id), `${DRIFT_TAG}=by-hand`, "--type", vpc.type], expect: { kind: "tags-only", paths: [formatPath(["tags", DRIFT_TAG])] } });

    const endpoint = need(
        rs.filter((r) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && (r.inputs as { vpcEndpointType?: string } | undefined)?.vpcEndpointType === "Interface").sort((a, b) => (a.urn < b.urn ? -1 : 1))[0],
        "an interface endpoint",
    );
    edits.push({ kind: "delete", name: name(endpoint.urn), urn: endpoint.urn, args: ["delete", String(endpoint.id), "--type", endpoint.type], expect: { kind: "deleted", paths: [] } });
    return edits;
}

const CARELESS_FILE = "e2e-careless-change.ts";
const CARELESS_NAME = "e2e-careless-public-egress";
const CARELESS_URN = (stack: string): string => `urn:pulumi:${stack}::${PROJECT}::aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule::${CARELESS_NAME}`;

/**
 * Step 7's program variant: the sandbox's program gains a module adding HTTPS egress to the
 * internet on the workers' security group. Returns the undo.
 */
export function applyCarelessChange(project: string, securityGroupId: string): () => void {
    const index = path.join(project, "infra", "index.ts");
    const original = fs.readFileSync(index, "utf8");
    fs.writeFileSync(
        path.join(project, "infra", CARELESS_FILE),
        [
            "// Written by the e2e (step 7), removed after: a careless change that must not pass the policy packs.",
            'import * as aws from "@pulumi/aws";',
            "",
            `export const carelessEgress = new aws.vpc.SecurityGroupEgressRule(${JSON.stringify(CARELESS_NAME)}, {`,
            `    securityGroupId: ${JSON.stringify(securityGroupId)},`,
            '    description: "HTTPS to anywhere (careless)",',
            '    ipProtocol: "tcp",',
            "    fromPort: 443,",
            "    toPort: 443,",
            '    cidrIpv4: "0.0.0.0/0",',
            "});",
            "",
        ].join("\n"),
    );
    fs.writeFileSync(index, `${original}\nimport "./${CARELESS_FILE.replace(/\.ts$/, "")}";\n`);
    return () => {
        fs.writeFileSync(index, original);
        fs.rmSync(path.join(project, "infra", CARELESS_FILE), { force: true });
    };
}

function writeFixture(dirPath: string, file: string, recorded: string, description: string): void {
    const run = JSON.parse(fs.readFileSync(recorded, "utf8")) as RecordedRun;
    fs.mkdirSync(dirPath, { recursive: true });
    fs.writeFileSync(path.join(dirPath, file), recordedRunJson({ description, ...run }));
}
