/**
 * Agreement: @pulumi/policy's real analyzer server, running our four packs from their own
 * `index.ts` and fed each export the way the engine feeds it (tests/helpers/analyzer), gives
 * exactly the verdicts of `npm run policy:check` (same policy, resource, level and message) on
 * the clean region plans, on every mutation case and on every secret case. Without
 * `--show-secrets`, policy:check may only replace verdicts of the real analyzer (which always sees
 * plaintext) by "cannot be judged" advisories.
 *
 * Speed: one child process serves all packs; it starts while the plan runs. Mutations are
 * applied several to one copy of the plan (distinct resources, each still caught there), so the
 * real analyzer judges a handful of documents instead of one per mutation, and it only re-judges
 * the resources a document changed (identical Analyze requests are answered from memory).
 */
import * as assert from "assert";
import { allPacks } from "../../policies/registry";
import { SECRET_SIG, SPECIAL_SIG_KEY, StackExport } from "../../policies/lib/stack-export";
import { runPolicyCheck } from "../../tools/policy-check";
import { RealAnalyzer, Verdict } from "../helpers/analyzer/real-analyzer";
import { copyOf, planExports, PlanExports } from "../helpers/plan-exports";
import { assertCiphertextOnlyAdvises, difference, VerdictLike, verdictKey } from "../helpers/verdicts";
import { UNKNOWN } from "../../policies/lib/resource-props";
import { dataSse, MUTATIONS, workerPolicy } from "../policies/mutation/cases";
import { SECRET_CASES } from "../policies/mutation/secret-cases";
import { StackDoc } from "../policies/mutation/stack-doc";

const DEFAULT_STACK = "mumbai";
const PER_DOCUMENT = 24;

/** `npm run policy:check -- --state FILE --format json`, in-process, on one document. */
async function policyCheck(doc: StackExport): Promise<VerdictLike[]> {
    let out = "";
    let err = "";
    const code = await runPolicyCheck(["--state", "export.json", "--format", "json"], { stdout: (t) => (out += t), stderr: (t) => (err += t), readFile: () => JSON.stringify(doc) });
    assert.ok(code === 0 || code === 1, `policy:check exited ${code}: ${err}`);
    const violations = (JSON.parse(out) as { violations: VerdictLike[] }).violations;
    assert.strictEqual(code, violations.some((v) => v.enforcementLevel === "mandatory") ? 1 : 0);
    return violations;
}

/** What `pulumi stack export --show-secrets` would give: every ciphertext replaced by a plaintext (a stand-in the test chooses). */
function showSecrets(doc: StackExport): StackExport {
    const reveal = (v: unknown, at: string): unknown => {
        if (Array.isArray(v)) return v.map((x, i) => reveal(x, `${at}[${i}]`));
        if (v === null || typeof v !== "object") return v;
        const o = v as Record<string, unknown>;
        if (o[SPECIAL_SIG_KEY] === SECRET_SIG && typeof o.ciphertext === "string") return { [SPECIAL_SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(`stand-in plaintext of ${at}`) };
        return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, reveal(x, `${at}.${k}`)]));
    };
    return reveal(doc, "export") as StackExport;
}

function assertSame(check: readonly VerdictLike[], real: readonly Verdict[], what: string): void {
    const { onlyA, onlyB } = difference(check, real);
    assert.deepStrictEqual({ onlyPolicyCheck: onlyA, onlyRealAnalyzer: onlyB }, { onlyPolicyCheck: [], onlyRealAnalyzer: [] }, `${what}: policy:check and the real analyzer disagree`);
}

/** A change to a plan copy and the verdict it must cause. */
interface Change {
    id: string;
    stack: string;
    apply: (d: StackDoc) => string;
    caught?: { policy: string; level: string };
}

/** A plan copy with changes applied (secrets still as the plan has them). */
interface Draft {
    stack: string;
    doc: StackDoc;
    members: { change: Change; urn: string }[];
}

interface Group {
    draft: Draft;
    /** The draft's plan copy, secrets shown. */
    doc: StackExport;
    /** policy:check's verdicts on `doc`. */
    check: VerdictLike[];
}

/** Replaces the first item `fit` accepts by what it returns for it; false when it accepts none. */
async function replaceFirst<T>(items: T[], fit: (item: T) => T | undefined | Promise<T | undefined>): Promise<boolean> {
    for (const [i, item] of items.entries()) {
        const next = await fit(item);
        if (next) {
            items[i] = next;
            return true;
        }
    }
    return false;
}

/**
 * Applies changes to as few plan copies as possible. Each change goes into the first copy of its
 * stack where it finds its target and changes a resource no other change there did (a copy holds
 * at most PER_DOCUMENT). A change that the others in its copy hide (its violation gone) is taken
 * out and goes into the first other copy where every change, it included, is still caught, or
 * else into a copy of its own.
 */
async function groupChanges(plan: PlanExports, changes: Change[]): Promise<Group[]> {
    const draft = (stack: string, members: Change[]): Draft => {
        const doc = new StackDoc(copyOf(plan.exports[stack]));
        return { stack, doc, members: members.map((change) => ({ change, urn: change.apply(doc) })) };
    };
    /** `d` with `change` added, or undefined when it does not fit there. */
    const withChange = (d: Draft, change: Change): Draft | undefined => {
        if (d.stack !== change.stack || d.members.length >= PER_DOCUMENT) return undefined;
        const trial = new StackDoc(copyOf(d.doc.doc));
        let urn: string;
        try {
            urn = change.apply(trial);
        } catch {
            return undefined; // its target is gone, or it was already added, in this copy
        }
        if (d.members.some((m) => m.urn === urn)) return undefined;
        return { stack: d.stack, doc: trial, members: [...d.members, { change, urn }] };
    };
    const judge = async (d: Draft): Promise<Group> => {
        const shown = showSecrets(d.doc.doc);
        return { draft: d, doc: shown, check: await policyCheck(shown) };
    };
    const hiddenIn = (g: Group) =>
        g.draft.members.filter((m) => m.change.caught && !g.check.some((v) => v.policy === m.change.caught!.policy && v.urn === m.urn && v.enforcementLevel === m.change.caught!.level));

    const drafts: Draft[] = [];
    for (const change of changes) {
        if (!(await replaceFirst(drafts, (d) => withChange(d, change)))) drafts.push(draft(change.stack, [change]));
    }
    const groups: Group[] = [];
    const setAside: Change[] = [];
    for (const d of drafts) {
        let g = await judge(d);
        for (let hidden = hiddenIn(g); hidden.length > 0; hidden = hiddenIn(g)) {
            setAside.push(...hidden.map((m) => m.change));
            g = await judge(draft(d.stack, g.draft.members.filter((m) => !hidden.includes(m)).map((m) => m.change)));
        }
        groups.push(g);
    }
    for (const change of setAside) {
        const placed = await replaceFirst(groups, async (g) => {
            const d = withChange(g.draft, change);
            const joined = d && (await judge(d));
            return joined && hiddenIn(joined).length === 0 ? joined : undefined;
        });
        if (!placed) groups.push(await judge(draft(change.stack, [change])));
    }
    return groups;
}

describe("agreement: the real @pulumi/policy analyzer and `npm run policy:check` give the same verdicts", function () {
    this.timeout(600_000);
    let analyzer: RealAnalyzer | undefined;
    let plan: PlanExports;
    const judged: string[] = [];

    before(async () => {
        const started = RealAnalyzer.start(allPacks.map((p) => p.dir));
        started.catch(() => undefined); // reported below, after the plan settles
        plan = await planExports();
        analyzer = await started;
    });

    after(() => {
        if (analyzer) {
            console.log(`      real analyzer: ${judged.length} documents judged (${judged.join(", ")}), ${analyzer.calls} Analyze/AnalyzeStack calls sent`);
            analyzer.close();
        }
    });

    const both = async (doc: StackExport, what: string, checked?: VerdictLike[]) => {
        const [check, real] = await Promise.all([checked ?? policyCheck(doc), analyzer!.analyze(doc)]);
        judged.push(what);
        assertSame(check, real, what);
        return { check, real };
    };

    it("serves every pack through the real analyzer under its own name", () => {
        assert.deepStrictEqual(analyzer!.packs.map((p) => p.name).sort(), allPacks.map((p) => p.name).sort());
    });

    it("clean plans: the same verdicts (none mandatory); without --show-secrets, policy:check adds nothing", async () => {
        for (const stack of plan.stacks) {
            const shown = showSecrets(plan.exports[stack]);
            const { real } = await both(shown, stack);
            assert.ok(!real.some((v) => v.enforcementLevel === "mandatory"), `${stack}:\n${real.map(verdictKey).join("\n")}`);
            assertCiphertextOnlyAdvises(await policyCheck(plan.exports[stack]), real, `${stack} without --show-secrets`);
        }
    });

    it("preview unknowns and resource names containing '::': the same verdicts, messages and URNs", async () => {
        const d = new StackDoc(copyOf(plan.exports[DEFAULT_STACK]));
        // Values not known until apply, on a resource policy's inputs and on a stack policy's link.
        d.edit(workerPolicy(d), (p) => (p.policy = UNKNOWN));
        const sse = dataSse(d);
        sse.outputs!.bucket = UNKNOWN;
        // A hand-written bucket and public access block whose names contain '::'.
        const bucket = d.add("aws:s3/bucket:Bucket", "scratch::eu::v2", { bucket: "spot-grid-scratch" }, { outputs: { arn: "arn:aws:s3:::spot-grid-scratch" } });
        d.add("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "scratch::pab", { bucket: "spot-grid-scratch", blockPublicAcls: true }, { propertyDependencies: { bucket: [bucket.urn] } });
        const { real } = await both(showSecrets(d.doc), "preview unknowns and '::' names");
        assert.ok(real.some((v) => /during preview/.test(v.message) && v.urn === workerPolicy(d).urn), "the unknown policy document is reported as a preview advisory");
        assert.ok(real.some((v) => /'scratch::pab'/.test(v.message)), real.map(verdictKey).join("\n"));
    });

    it(`mutation cases (${MUTATIONS.length}): the same verdicts, and the real analyzer catches each one on the right resource at the right level`, async () => {
        const changes: Change[] = MUTATIONS.map((m) => ({ id: m.id, stack: m.stack ?? DEFAULT_STACK, apply: (d) => m.apply(d).urn, caught: { policy: m.policy, level: m.level } }));
        const groups = await groupChanges(plan, changes);
        // All documents go out at once: the analyzer judges one while the next is marshalled.
        const judgedGroups = await Promise.all(groups.map((g, i) => both(g.doc, `mutations#${i + 1} (${g.draft.stack}, ${g.draft.members.length})`, g.check)));
        for (const [i, g] of groups.entries()) {
            const { real } = judgedGroups[i];
            for (const { change, urn } of g.draft.members) {
                assert.ok(
                    real.some((v) => v.policy === change.caught!.policy && v.urn === urn && v.enforcementLevel === change.caught!.level),
                    `${change.id}: the real analyzer did not report ${change.caught!.level} ${change.caught!.policy} on ${urn}`,
                );
            }
        }
        assert.strictEqual(groups.reduce((n, g) => n + g.draft.members.length, 0), MUTATIONS.length);
    });

    it(`secret cases (${SECRET_CASES.length}): with --show-secrets the same verdicts; without, policy:check only says 'cannot be judged' where the real analyzer judges`, async () => {
        const plaintext: Change[] = SECRET_CASES.map((c) => ({ id: c.id, stack: c.stack ?? DEFAULT_STACK, apply: (d) => c.apply(d, "plaintext").urn }));
        for (const [i, g] of (await groupChanges(plan, plaintext)).entries()) {
            const { stack, members } = g.draft;
            const { real } = await both(g.doc, `secrets#${i + 1} (${members.length})`, g.check);
            // The same document without --show-secrets: the cases' values as ciphertext.
            const cipher = new StackDoc(copyOf(plan.exports[stack]));
            for (const { change } of members) SECRET_CASES.find((c) => c.id === change.id)!.apply(cipher, "ciphertext");
            assertCiphertextOnlyAdvises(await policyCheck(cipher.doc), real, `secrets#${i + 1} without --show-secrets`);
            for (const c of SECRET_CASES.filter((x) => members.some((m) => m.change.id === x.id))) {
                const target = c.apply(new StackDoc(copyOf(plan.exports[stack])), "plaintext");
                const hit = real.some((v) => v.policy === c.policy && v.urn === target.judgedOn && v.enforcementLevel === "mandatory");
                assert.strictEqual(hit, c.expect === "mandatory", `${c.id}: the real analyzer ${hit ? "reports" : "does not report"} ${c.policy} on ${target.judgedOn}`);
            }
        }
    });
});
