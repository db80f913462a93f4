/**
 * The trip, hop by hop, proven with the IAM simulator on the REAL plans (the shared plan exports),
 * every request evaluated as AWS does: the caller's inline policies, the resource's policy (the
 * data bucket's, or the queue's), the policy of the VPC endpoint the request passes through, and
 * then the KMS call the service makes for it (identity + key policy, kms:ViaService and, for S3,
 * the Bucket Key encryption context). Each hop: what its principal needs is allowed through the
 * right endpoint; other prefixes, other queues, deletes and the same call from anywhere else are not.
 *
 * mumbai is the primary (takes uploads, reference data, validates); hyderabad a replica: its
 * uploader and publisher roles exist with nothing allowed (tests/infra/failover.test.ts flips them).
 */
import * as assert from "assert";
import type { PolicyDocument } from "../../../components/lib/policy-document";
import { planExports } from "../../helpers/plan-exports";
import { decide, Decision } from "../storage/iam-sim";
import { planWorld, PlanWorld, QueueWorld } from "./plan-world";

const ON_PREM = "444455556666";
const onPrem = (name: string) => `arn:aws:iam::${ON_PREM}:role/${name}`;

type Via = "gateway" | "interface" | "sqs" | "outside";

/** The KMS call S3 makes for an object request (Bucket Keys: the context is the bucket ARN). */
const S3_KMS: Record<string, string> = { "s3:GetObject": "kms:Decrypt", "s3:PutObject": "kms:GenerateDataKey" };
/** The KMS call SQS makes for a message request. */
const SQS_KMS: Record<string, string> = { "sqs:SendMessage": "kms:GenerateDataKey", "sqs:ReceiveMessage": "kms:Decrypt" };

function endpointOf(w: PlanWorld, via: Via): { id: string; policy: PolicyDocument } | undefined {
    return via === "gateway" ? w.endpoints.s3Gateway : via === "interface" ? w.endpoints.s3Interface : via === "sqs" ? w.endpoints.sqs : undefined;
}

/**
 * A request by a role of the stack through `via`, evaluated with the resource's policy and the
 * endpoint's; then, if allowed and the service calls KMS for it, that call on `key`.
 */
async function request(
    w: PlanWorld,
    role: string,
    r: { action: string; resource: string; resourcePolicy: PolicyDocument; via: Via; context?: Record<string, string> },
    kms?: { action: string; key: { arn: string; policy: PolicyDocument }; context: Record<string, string> },
): Promise<Decision> {
    const endpoint = endpointOf(w, r.via);
    const principal = w.roleArn(role);
    const identity = w.identity(role);
    const first = await decide({
        principal,
        action: r.action,
        resource: r.resource,
        accountId: w.accountId,
        // AWS puts aws:ResourceAccount in every request's context (the S3 endpoint policy checks it).
        context: { "aws:ResourceAccount": w.accountId, ...(endpoint ? { "aws:SourceVpce": endpoint.id } : {}), ...(r.context ?? {}) },
        identityPolicies: identity,
        resourcePolicy: r.resourcePolicy,
        endpointPolicies: endpoint ? [endpoint.policy] : [],
    });
    if (first !== "Allowed" || !kms) return first;
    const context = { "kms:CallerAccount": w.accountId, ...kms.context };
    return decide({ principal, action: kms.action, resource: kms.key.arn, accountId: w.accountId, context, identityPolicies: identity, resourcePolicy: kms.key.policy });
}

/** An S3 request by a role of the stack, then S3's KMS call for it (Bucket Keys: the context is the bucket ARN). */
function s3(w: PlanWorld, role: string, action: string, key: string | undefined, via: Via, extra: Record<string, string> = {}): Promise<Decision> {
    const kmsAction = key === undefined ? undefined : S3_KMS[action];
    const resource = key === undefined ? w.bucketArn : `${w.bucketArn}/${key}`;
    const kms = kmsAction ? { action: kmsAction, key: w.dataKey, context: { "kms:ViaService": `s3.${w.region}.amazonaws.com`, "kms:EncryptionContext:aws:s3:arn": w.bucketArn } } : undefined;
    return request(w, role, { action, resource, resourcePolicy: w.bucketPolicy, via, context: extra }, kms);
}

/** An SQS request by a role of the stack, then SQS's KMS call for it. */
function sqs(w: PlanWorld, role: string, action: string, q: QueueWorld, via: Via): Promise<Decision> {
    const kmsAction = SQS_KMS[action];
    const kms = kmsAction ? { action: kmsAction, key: w.queueKey, context: { "kms:ViaService": `sqs.${w.region}.amazonaws.com` } } : undefined;
    return request(w, role, { action, resource: q.arn, resourcePolicy: q.policy, via }, kms);
}

/** S3 sending an event notification for `bucketArn` to a queue, then its data key from the queue key. */
async function s3Notifies(w: PlanWorld, q: QueueWorld, bucketArn: string, sourceAccount: string): Promise<Decision> {
    const context = { "aws:SourceArn": bucketArn, "aws:SourceAccount": sourceAccount };
    const send = await decide({ principal: "s3.amazonaws.com", action: "sqs:SendMessage", resource: q.arn, accountId: w.accountId, context, identityPolicies: [], resourcePolicy: q.policy });
    if (send !== "Allowed") return send;
    return decide({ principal: "s3.amazonaws.com", action: "kms:GenerateDataKey", resource: w.queueKey.arn, accountId: w.accountId, context: { "kms:CallerAccount": w.accountId }, identityPolicies: [], resourcePolicy: w.queueKey.policy });
}

/** The on-prem principal (another account, its own IAM allowing it) assuming a role of the stack. */
function assume(w: PlanWorld, principal: string, role: string): Promise<Decision> {
    const own: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "Assume", Effect: "Allow", Action: "sts:AssumeRole", Resource: w.roleArn(role) }] };
    return decide({ principal, action: "sts:AssumeRole", resource: w.roleArn(role), accountId: w.accountId, identityPolicies: [own], resourcePolicy: w.trust(role) });
}

describe("the work flow's trip, hop by hop (IAM simulator on the real plans, resource and endpoint policies included)", function () {
    this.timeout(600_000);
    let mumbai: PlanWorld;
    let hyderabad: PlanWorld;
    const role = (w: PlanWorld, purpose: string) => `spot-grid-${purpose}-${w.region}`;
    before(async () => {
        const plan = await planExports();
        mumbai = planWorld("mumbai", plan.exports.mumbai);
        hyderabad = planWorld("hyderabad", plan.exports.hyderabad);
    });

    it("mumbai is the primary, hyderabad is not (stack output isPrimary)", () => {
        assert.deepStrictEqual([mumbai.isPrimary, hyderabad.isPrimary], [true, false]);
    });

    describe("1. upload: on-prem -> uploader role -> S3 interface endpoint -> incoming/", () => {
        const up = (w: PlanWorld, key: string, via: Via, extra?: Record<string, string>) => s3(w, role(w, "uploader"), "s3:PutObject", key, via, extra);
        it("the on-prem upload identity assumes the uploader role; nobody else does", async () => {
            assert.strictEqual(await assume(mumbai, onPrem("onprem-daily-upload"), role(mumbai, "uploader")), "Allowed");
            assert.strictEqual(await assume(mumbai, onPrem("onprem-job-submitter"), role(mumbai, "uploader")), "ImplicitlyDenied");
        });
        it("puts under incoming/ through the S3 interface endpoint, encrypted with the region key", async () => {
            assert.strictEqual(await up(mumbai, "incoming/2026-11-20/trades.csv", "interface"), "Allowed");
        });
        it("not through the gateway endpoint, not from outside, not under another prefix, no reads or deletes", async () => {
            assert.strictEqual(await up(mumbai, "incoming/a.csv", "gateway"), "ImplicitlyDenied");
            assert.strictEqual(await up(mumbai, "incoming/a.csv", "outside"), "ExplicitlyDenied");
            assert.strictEqual(await up(mumbai, "raw/a.csv", "interface"), "ImplicitlyDenied");
            assert.strictEqual(await s3(mumbai, role(mumbai, "uploader"), "s3:GetObject", "incoming/a.csv", "interface"), "ImplicitlyDenied");
            assert.strictEqual(await s3(mumbai, role(mumbai, "uploader"), "s3:DeleteObject", "incoming/a.csv", "interface"), "ExplicitlyDenied");
        });
        it("in a replica the uploader role exists but may put nothing (until a failover makes it primary)", async () => {
            assert.strictEqual(await assume(hyderabad, onPrem("onprem-daily-upload"), role(hyderabad, "uploader")), "Allowed");
            assert.strictEqual(await up(hyderabad, "incoming/a.csv", "interface"), "ImplicitlyDenied");
        });
    });

    describe("2. intake: incoming/ -> S3 event -> intake queue -> validator -> raw/ | rejected/", () => {
        const validator = (w: PlanWorld) => role(w, "workers");
        it("S3 may send the intake queue events of this bucket only, and encrypt them with the queue key", async () => {
            assert.strictEqual(await s3Notifies(mumbai, mumbai.queues.intake, mumbai.bucketArn, mumbai.accountId), "Allowed");
            assert.strictEqual(await s3Notifies(mumbai, mumbai.queues.intake, "arn:aws:s3:::someone-elses-bucket", mumbai.accountId), "ImplicitlyDenied");
            assert.strictEqual(await s3Notifies(mumbai, mumbai.queues.intake, mumbai.bucketArn, "999988887777"), "ImplicitlyDenied");
            assert.strictEqual(await s3Notifies(mumbai, mumbai.queues.jobs, mumbai.bucketArn, mumbai.accountId), "ImplicitlyDenied", "S3 may not send to the job queue");
        });
        it("the validator receives, extends and deletes intake events through the SQS endpoint, decrypting them", async () => {
            for (const action of ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage"]) {
                assert.strictEqual(await sqs(mumbai, validator(mumbai), action, mumbai.queues.intake, "sqs"), "Allowed", action);
            }
            assert.strictEqual(await sqs(mumbai, validator(mumbai), "sqs:ReceiveMessage", mumbai.queues.intake, "outside"), "ExplicitlyDenied");
            assert.strictEqual(await sqs(mumbai, validator(mumbai), "sqs:SendMessage", mumbai.queues.intake, "sqs"), "ImplicitlyDenied");
            assert.strictEqual(await sqs(mumbai, validator(mumbai), "sqs:PurgeQueue", mumbai.queues.intake, "sqs"), "ImplicitlyDenied");
        });
        it("reads the upload, writes raw/ or rejected/ with the reason tag, and deletes the upload, through the gateway endpoint", async () => {
            assert.strictEqual(await s3(mumbai, validator(mumbai), "s3:GetObject", "incoming/2026-11-20/trades.csv", "gateway"), "Allowed");
            assert.strictEqual(await s3(mumbai, validator(mumbai), "s3:PutObject", "raw/2026-11-20/trades.csv", "gateway"), "Allowed");
            assert.strictEqual(await s3(mumbai, validator(mumbai), "s3:PutObject", "rejected/2026-11-20/trades.csv", "gateway"), "Allowed");
            assert.strictEqual(await s3(mumbai, validator(mumbai), "s3:PutObjectTagging", "rejected/2026-11-20/trades.csv", "gateway"), "Allowed");
            assert.strictEqual(await s3(mumbai, validator(mumbai), "s3:DeleteObject", "incoming/2026-11-20/trades.csv", "gateway"), "Allowed");
        });
        it("nothing else may delete anything: the validator outside incoming/, any version, anyone else, break-glass included", async () => {
            assert.strictEqual(await s3(mumbai, validator(mumbai), "s3:DeleteObject", "raw/2026-11-20/trades.csv", "gateway"), "ExplicitlyDenied");
            assert.strictEqual(await s3(mumbai, validator(mumbai), "s3:DeleteObjectVersion", "incoming/a.csv", "gateway"), "ExplicitlyDenied");
            assert.strictEqual(await s3(mumbai, validator(mumbai), "s3:PutObject", "static/calendar.json", "gateway"), "ImplicitlyDenied");
            const admin: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "Admin", Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::*", "arn:aws:s3:::*/*"] }] };
            for (const who of ["arn:aws:iam::111122223333:role/spot-grid-break-glass", "arn:aws:iam::111122223333:role/analytics-team"]) {
                for (const [action, key] of [["s3:DeleteObject", "incoming/a.csv"], ["s3:DeleteObject", "raw/a"], ["s3:DeleteObjectVersion", "processed/ap-south-1/a"]]) {
                    const d = await decide({ principal: who, action, resource: `${mumbai.bucketArn}/${key}`, accountId: mumbai.accountId, context: { "aws:SourceVpce": mumbai.endpoints.s3Gateway.id, "aws:ResourceAccount": mumbai.accountId }, identityPolicies: [admin], resourcePolicy: mumbai.bucketPolicy, endpointPolicies: [mumbai.endpoints.s3Gateway.policy] });
                    assert.strictEqual(d, "ExplicitlyDenied", `${who} ${action} ${key}`);
                }
            }
        });
        it("in a replica the validator is not granted, and the bucket lets nobody delete uploads", async () => {
            assert.strictEqual(await sqs(hyderabad, validator(hyderabad), "sqs:ReceiveMessage", hyderabad.queues.intake, "sqs"), "ImplicitlyDenied");
            assert.strictEqual(await s3(hyderabad, validator(hyderabad), "s3:GetObject", "incoming/a.csv", "gateway"), "ImplicitlyDenied");
            assert.strictEqual(await s3(hyderabad, validator(hyderabad), "s3:DeleteObject", "incoming/a.csv", "gateway"), "ExplicitlyDenied");
        });
    });

    describe("3. reference data: on-prem -> reference publisher role -> S3 interface endpoint -> static/", () => {
        const pub = (w: PlanWorld, action: string, key: string, via: Via) => s3(w, role(w, "reference-publisher"), action, key, via);
        it("the on-prem publisher identity assumes the role; the uploader's does not", async () => {
            assert.strictEqual(await assume(mumbai, onPrem("onprem-reference-publisher"), role(mumbai, "reference-publisher")), "Allowed");
            assert.strictEqual(await assume(mumbai, onPrem("onprem-daily-upload"), role(mumbai, "reference-publisher")), "ImplicitlyDenied");
        });
        it("puts only under static/, only through the S3 interface endpoint", async () => {
            assert.strictEqual(await pub(mumbai, "s3:PutObject", "static/calendars/nse-2027.json", "interface"), "Allowed");
            assert.strictEqual(await pub(mumbai, "s3:PutObject", "raw/x", "interface"), "ImplicitlyDenied");
            assert.strictEqual(await pub(mumbai, "s3:PutObject", "static/x", "gateway"), "ImplicitlyDenied");
            assert.strictEqual(await pub(mumbai, "s3:PutObject", "static/x", "outside"), "ExplicitlyDenied");
            assert.strictEqual(await pub(mumbai, "s3:GetObject", "static/x", "interface"), "ImplicitlyDenied");
            assert.strictEqual(await pub(mumbai, "s3:DeleteObject", "static/x", "interface"), "ExplicitlyDenied");
        });
        it("in a replica it may put nothing", async () => assert.strictEqual(await pub(hyderabad, "s3:PutObject", "static/x", "interface"), "ImplicitlyDenied"));
    });

    describe("4. jobs: on-prem -> job submitter role -> SQS interface endpoint -> job queue -> workers", () => {
        for (const stack of ["mumbai", "hyderabad"] as const) {
            const w = () => (stack === "mumbai" ? mumbai : hyderabad);
            it(`${stack}: the on-prem submitter identity assumes the submitter role, which only sends to the job queue through the SQS endpoint`, async () => {
                assert.strictEqual(await assume(w(), onPrem("onprem-job-submitter"), role(w(), "job-submitter")), "Allowed");
                assert.strictEqual(await assume(w(), onPrem("onprem-results-reader"), role(w(), "job-submitter")), "ImplicitlyDenied");
                const submitter = role(w(), "job-submitter");
                assert.strictEqual(await sqs(w(), submitter, "sqs:SendMessage", w().queues.jobs, "sqs"), "Allowed");
                assert.strictEqual(await sqs(w(), submitter, "sqs:SendMessage", w().queues.jobs, "outside"), "ExplicitlyDenied");
                for (const action of ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:PurgeQueue", "sqs:SetQueueAttributes"]) {
                    assert.strictEqual(await sqs(w(), submitter, action, w().queues.jobs, "sqs"), "ImplicitlyDenied", action);
                }
                for (const other of ["intake", "results", "jobs-dlq"] as const) {
                    assert.strictEqual(await sqs(w(), submitter, "sqs:SendMessage", w().queues[other], "sqs"), "ImplicitlyDenied", other);
                }
                assert.strictEqual(await s3(w(), submitter, "s3:PutObject", "incoming/x", "interface"), "ImplicitlyDenied");
            });
            it(`${stack}: the workers receive, extend and delete jobs through the SQS endpoint, and nothing else of the queues`, async () => {
                const workers = role(w(), "workers");
                for (const action of ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage"]) {
                    assert.strictEqual(await sqs(w(), workers, action, w().queues.jobs, "sqs"), "Allowed", action);
                }
                assert.strictEqual(await sqs(w(), workers, "sqs:ReceiveMessage", w().queues.jobs, "outside"), "ExplicitlyDenied");
                assert.strictEqual(await sqs(w(), workers, "sqs:SendMessage", w().queues.jobs, "sqs"), "ImplicitlyDenied");
                assert.strictEqual(await sqs(w(), workers, "sqs:PurgeQueue", w().queues.jobs, "sqs"), "ImplicitlyDenied");
                assert.strictEqual(await sqs(w(), workers, "sqs:ReceiveMessage", w().queues.results, "sqs"), "ImplicitlyDenied");
                assert.strictEqual(await sqs(w(), workers, "sqs:ReceiveMessage", w().queues["jobs-dlq"], "sqs"), "ImplicitlyDenied");
            });
        }
        it("the SQS endpoint carries only this account's principals to this account's spot-grid queues (its policy is what refuses)", async () => {
            const anyone: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "Any", Effect: "Allow", Action: "sqs:SendMessage", Resource: "*" }] };
            const attackerQueue = "arn:aws:sqs:ap-south-1:999988887777:exfil";
            const openQueue: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: attackerQueue }] };
            const send = (principal: string, resource: string, withEndpointPolicy: boolean, resourcePolicy?: PolicyDocument) =>
                decide({
                    principal,
                    action: "sqs:SendMessage",
                    resource,
                    accountId: resource.split(":")[4],
                    context: { "aws:SourceVpce": mumbai.endpoints.sqs.id, "aws:ResourceAccount": resource.split(":")[4] },
                    identityPolicies: [anyone],
                    ...(resourcePolicy ? { resourcePolicy } : {}),
                    endpointPolicies: withEndpointPolicy ? [mumbai.endpoints.sqs.policy] : [],
                });
            const worker = mumbai.roleArn(role(mumbai, "workers"));
            const cases: [string, string, string, PolicyDocument | undefined][] = [
                ["a worker exfiltrating to another account's open queue", worker, attackerQueue, openQueue],
                ["a worker sending to a queue of ours outside the grid", worker, "arn:aws:sqs:ap-south-1:111122223333:other-team", undefined],
                ["another account's principal using our endpoint for its own queue", "arn:aws:iam::999988887777:role/intruder", attackerQueue, undefined],
            ];
            for (const [what, principal, resource, policy] of cases) {
                assert.strictEqual(await send(principal, resource, false, policy), "Allowed", `${what}: the control (no endpoint policy) must be allowed, or the case proves nothing`);
                assert.strictEqual(await send(principal, resource, true, policy), "ImplicitlyDenied", what);
            }
        });
    });

    describe("6. results: workers -> processed/<region>/ -> S3 event -> results queue -> results reader -> on-prem", () => {
        it("workers write their own region's processed/ prefix only", async () => {
            assert.strictEqual(await s3(mumbai, role(mumbai, "workers"), "s3:PutObject", "processed/ap-south-1/run-7/risk.parquet", "gateway"), "Allowed");
            assert.strictEqual(await s3(hyderabad, role(hyderabad, "workers"), "s3:PutObject", "processed/ap-south-2/run-7/risk.parquet", "gateway"), "Allowed");
            // hyderabad's workers can never overwrite mumbai's replicated results, nor mumbai's theirs.
            assert.strictEqual(await s3(hyderabad, role(hyderabad, "workers"), "s3:PutObject", "processed/ap-south-1/run-7/risk.parquet", "gateway"), "ImplicitlyDenied");
            assert.strictEqual(await s3(mumbai, role(mumbai, "workers"), "s3:PutObject", "processed/ap-south-2/run-7/risk.parquet", "gateway"), "ImplicitlyDenied");
        });
        it("S3 may send the results queue events of this bucket only", async () => {
            assert.strictEqual(await s3Notifies(hyderabad, hyderabad.queues.results, hyderabad.bucketArn, hyderabad.accountId), "Allowed");
            assert.strictEqual(await s3Notifies(hyderabad, hyderabad.queues.results, mumbai.bucketArn, mumbai.accountId), "ImplicitlyDenied");
        });
        for (const stack of ["mumbai", "hyderabad"] as const) {
            it(`${stack}: the results reader receives result events through the SQS endpoint and reads every region's processed/ through the S3 interface endpoint`, async () => {
                const w = stack === "mumbai" ? mumbai : hyderabad;
                const reader = role(w, "results-reader");
                assert.strictEqual(await assume(w, onPrem("onprem-results-reader"), reader), "Allowed");
                assert.strictEqual(await assume(w, onPrem("onprem-daily-upload"), reader), "ImplicitlyDenied");
                for (const action of ["sqs:ReceiveMessage", "sqs:ChangeMessageVisibility", "sqs:DeleteMessage"]) {
                    assert.strictEqual(await sqs(w, reader, action, w.queues.results, "sqs"), "Allowed", action);
                }
                assert.strictEqual(await sqs(w, reader, "sqs:ReceiveMessage", w.queues.results, "outside"), "ExplicitlyDenied");
                assert.strictEqual(await sqs(w, reader, "sqs:ReceiveMessage", w.queues.jobs, "sqs"), "ImplicitlyDenied");
                for (const region of ["ap-south-1", "ap-south-2"]) {
                    assert.strictEqual(await s3(w, reader, "s3:GetObject", `processed/${region}/run-7/risk.parquet`, "interface"), "Allowed", region);
                }
                assert.strictEqual(await s3(w, reader, "s3:ListBucket", undefined, "interface", { "s3:prefix": "processed/" }), "Allowed");
                assert.strictEqual(await s3(w, reader, "s3:ListBucket", undefined, "interface", { "s3:prefix": "raw/" }), "ImplicitlyDenied");
                assert.strictEqual(await s3(w, reader, "s3:GetObject", "raw/2026-11-20/trades.csv", "interface"), "ImplicitlyDenied");
                assert.strictEqual(await s3(w, reader, "s3:GetObject", "processed/ap-south-1/x", "gateway"), "ImplicitlyDenied");
                assert.strictEqual(await s3(w, reader, "s3:GetObject", "processed/ap-south-1/x", "outside"), "ExplicitlyDenied");
                assert.strictEqual(await s3(w, reader, "s3:PutObject", "processed/ap-south-1/x", "interface"), "ImplicitlyDenied");
                assert.strictEqual(await s3(w, reader, "s3:DeleteObject", "processed/ap-south-1/x", "interface"), "ExplicitlyDenied");
            });
        }
    });

    it("every principal the trip's policies name is created by the stack or configured (configuredPrincipalArns)", () => {
        for (const w of [mumbai, hyderabad]) {
            const configured = w.outputs.configuredPrincipalArns as string[];
            for (const p of ["onprem-daily-upload", "onprem-job-submitter", "onprem-results-reader", "onprem-reference-publisher"]) assert.ok(configured.includes(onPrem(p)), `${w.stack}: ${p}`);
        }
    });
});
