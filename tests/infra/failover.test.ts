/**
 * The failover docs/data.md describes, done as an operator would: flip the primary in the stack
 * set (mumbai's `replicateTo` moves to hyderabad), plan, and see what follows: the deploy order,
 * the replication direction, the uploader's, publisher's and validator's grants, the replica tags
 * and, through the IAM simulator on the flipped plan, who may upload where. Every destination's
 * bucket and key policy stays as it was (they admit replicas by action and encryption context
 * whoever the primary is), and the flipped set plans with zero mandatory violations.
 *
 * One extra plan of the three stacks (the flipped set); the unflipped plan is the shared one.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse, stringify } from "yaml";
import { deployOrder, isPrimary, loadStackSet } from "../../infra/config";
import { parseStackExport, StackExport } from "../../policies/lib/stack-export";
import { main } from "../../tools/plan/main";
import { planExports } from "../helpers/plan-exports";
import { decide } from "../components/storage/iam-sim";
import { planWorld, PlanWorld } from "../components/flow/plan-world";
import { tempDir } from "../helpers/temp";

const ROOT = path.resolve(__dirname, "..", "..");

/** The project's stack files with the primary flipped from mumbai to hyderabad: the whole config change. */
export function flippedStackFiles(): Record<string, { config: Record<string, any> }> {
    const stacks: Record<string, { config: Record<string, any> }> = {};
    for (const f of fs.readdirSync(ROOT).filter((n) => /^Pulumi\.[^.]+\.yaml$/.test(n))) stacks[f.split(".")[1]] = parse(fs.readFileSync(path.join(ROOT, f), "utf8"));
    stacks.hyderabad.config["spot-grid:storage"].replicateTo = ["mumbai", "ohio"];
    stacks.mumbai.config["spot-grid:storage"].replicateTo = [];
    return stacks;
}

const json = (v: unknown) => JSON.parse(String(v));
const replication = (doc: StackExport) => doc.deployment.resources.find((r) => r.type === "aws:s3/bucketReplicationConfig:BucketReplicationConfig");
const dataBucket = (doc: StackExport) => doc.deployment.resources.find((r) => r.type === "aws:s3/bucket:Bucket" && (r.inputs?.tags as any)?.["spot-grid:role"] === "data")!;
const policyOf = (doc: StackExport, type: string, where: (r: any) => boolean) => json(doc.deployment.resources.find((r) => r.type === type && where(r))!.inputs!.policy);

describe("failover: flip the primary in the stack set, plan, and the replication direction and upload role follow", function () {
    this.timeout(600_000);
    let dir: string;
    let flipped: Record<string, StackExport>;
    let before_: Record<string, StackExport>;
    let code: number;
    let verdicts: { stack: string; violations: { policy: string; enforcementLevel: string; urn: string }[] }[];

    before(async () => {
        before_ = (await planExports()).exports as Record<string, StackExport>;
        dir = tempDir("spot-grid-failover-");
        for (const [name, doc] of Object.entries(flippedStackFiles())) fs.writeFileSync(path.join(dir, `Pulumi.${name}.yaml`), stringify(doc));
        const out: string[] = [];
        const err: string[] = [];
        code = await main(["--stacks-dir", dir, "--out", path.join(dir, "out"), "--format", "json"], { out: (l) => out.push(l), err: (l) => err.push(l) });
        assert.ok(out.length > 0, `the flipped plan failed (exit ${code}):\n${err.join("\n")}`);
        verdicts = JSON.parse(out.join("\n")).stacks;
        flipped = Object.fromEntries(["mumbai", "hyderabad", "ohio"].map((s) => [s, parseStackExport(fs.readFileSync(path.join(dir, "out", `${s}.json`), "utf8"), s)]));
    });

    it("the flip is a config change of two lines: the set is valid, hyderabad is the primary, and replicas deploy first", () => {
        const stacks = loadStackSet(dir);
        assert.deepStrictEqual(stacks.filter((s) => isPrimary(s, stacks)).map((s) => s.stack), ["hyderabad"]);
        assert.deepStrictEqual(deployOrder(stacks).map((s) => s.stack), ["mumbai", "ohio", "hyderabad"]);
    });

    it("plans every stack with zero mandatory violations", () => {
        assert.strictEqual(code, 0, JSON.stringify(verdicts.flatMap((v) => v.violations), null, 1));
        for (const v of verdicts) assert.deepStrictEqual(v.violations.filter((x) => x.enforcementLevel === "mandatory"), [], v.stack);
    });

    it("replication follows: hyderabad replicates raw/, static/, rejected/ and its own processed/ to mumbai and ohio; mumbai replicates nothing", () => {
        assert.ok(replication(before_.mumbai) && !replication(before_.hyderabad), "before: mumbai is the source");
        assert.strictEqual(replication(flipped.mumbai), undefined);
        const rules = (replication(flipped.hyderabad)!.inputs as any).rules;
        const to = (stack: string) => rules.filter((r: any) => r.destination.bucket === dataBucket(flipped[stack]).outputs!.arn).map((r: any) => r.filter.prefix);
        assert.deepStrictEqual(to("mumbai"), ["raw/", "static/", "rejected/", "processed/ap-south-2/"]);
        assert.deepStrictEqual(to("ohio"), ["raw/", "static/", "rejected/", "processed/ap-south-2/"]);
        assert.deepStrictEqual(
            [flipped.mumbai, flipped.ohio, flipped.hyderabad].map((d) => (dataBucket(d).inputs!.tags as any)["spot-grid:replica-of"]),
            ["hyderabad", "hyderabad", undefined],
        );
    });

    it("no destination's bucket or key policy changes: every bucket admits replicas by action and encryption context, whoever the primary is", () => {
        const bucketPolicy = (doc: StackExport) => policyOf(doc, "aws:s3/bucketPolicy:BucketPolicy", (r: any) => r.inputs.bucket === dataBucket(doc).id);
        const keyPolicy = (doc: StackExport) => policyOf(doc, "aws:kms/key:Key", (r: any) => r.inputs.tags?.["spot-grid:role"] === "data-key");
        // ohio stays a destination: not one statement of its bucket or key policy changes.
        assert.deepStrictEqual(bucketPolicy(flipped.ohio), bucketPolicy(before_.ohio));
        assert.deepStrictEqual(keyPolicy(flipped.ohio), keyPolicy(before_.ohio));
        // mumbai and hyderabad swap roles: both admitted replicas before and still do (only the
        // source's own replication role, which the old primary no longer has, leaves its exemptions).
        for (const stack of ["mumbai", "hyderabad"]) {
            for (const doc of [before_[stack], flipped[stack]]) {
                const objects = bucketPolicy(doc).Statement.find((s: any) => s.Sid === "DenyObjectAccessOutsideVpcEndpoints");
                assert.deepStrictEqual(objects.NotAction, ["s3:ReplicateDelete", "s3:ReplicateObject", "s3:ReplicateTags"], stack);
                const replicas = keyPolicy(doc).Statement.find((s: any) => s.Sid === "ReplicationEncryptsReplicasThroughS3");
                assert.strictEqual(replicas.Condition.StringEquals["kms:EncryptionContext:aws:s3:arn"], dataBucket(doc).outputs!.arn, stack);
            }
        }
    });

    it("the upload, reference and validation grants follow the primary; the roles themselves never change", async () => {
        const rolePolicies = (doc: StackExport) => doc.deployment.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy").map((r) => r.urn.split("::").pop());
        for (const [doc, stack, granted] of [[flipped.hyderabad, "hyderabad", true], [flipped.mumbai, "mumbai", false], [before_.mumbai, "mumbai", true], [before_.hyderabad, "hyderabad", false]] as const) {
            for (const p of [`${stack}-uploader-policy`, `${stack}-publisher-policy`, `${stack}-flow-validator`]) assert.strictEqual(rolePolicies(doc).includes(p), granted, `${p}`);
        }
        const roleNames = (doc: StackExport) => doc.deployment.resources.filter((r) => r.type === "aws:iam/role:Role").map((r) => r.inputs!.name).sort();
        assert.deepStrictEqual(roleNames(flipped.hyderabad).filter((n) => !String(n).startsWith("spot-grid-replication")), roleNames(before_.hyderabad));
    });

    it("IAM simulator on the flipped plan: on-prem uploads to hyderabad now, and mumbai's uploader may not write", async () => {
        const put = async (w: PlanWorld) => {
            const endpoint = w.endpoints.s3Interface;
            return decide({
                principal: w.roleArn(`spot-grid-uploader-${w.region}`),
                action: "s3:PutObject",
                resource: `${w.bucketArn}/incoming/2026-11-21/trades.csv`,
                accountId: w.accountId,
                context: { "aws:SourceVpce": endpoint.id, "aws:ResourceAccount": w.accountId },
                identityPolicies: w.identity(`spot-grid-uploader-${w.region}`),
                resourcePolicy: w.bucketPolicy,
                endpointPolicies: [endpoint.policy],
            });
        };
        assert.strictEqual(await put(planWorld("hyderabad", flipped.hyderabad)), "Allowed");
        assert.strictEqual(await put(planWorld("mumbai", flipped.mumbai)), "ImplicitlyDenied");
        assert.strictEqual(await put(planWorld("mumbai", before_.mumbai)), "Allowed", "before the flip");
    });

    it("hyderabad's validator may now delete its uploads; mumbai's bucket lets nobody delete", () => {
        const deleteRule = (doc: StackExport) => policyOf(doc, "aws:s3/bucketPolicy:BucketPolicy", (r: any) => r.inputs.bucket === dataBucket(doc).id).Statement.find((s: any) => /^DenyIncomingDeletes/.test(s.Sid));
        assert.strictEqual(deleteRule(flipped.hyderabad).Sid, "DenyIncomingDeletesExceptValidator");
        assert.strictEqual(deleteRule(flipped.mumbai).Sid, "DenyIncomingDeletes");
    });
});
