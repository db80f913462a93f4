/**
 * The log archive's access, proven with the IAM simulator on the bucket and key policies of all
 * three REAL plans (tests/helpers/plan-exports), not on fixtures:
 * - only CloudTrail (the account trail, in the audit home), AWS Config and log delivery (VPC flow
 *   logs) can write the archive, each only for this account, its own source and its own prefix;
 *   no person can, whatever their IAM policy says, through the endpoints or not;
 * - the auditor can only read it: objects and their lock status, restores, nothing else, even with
 *   an IAM policy of s3:*; and decrypt through S3 only;
 * - the deployer manages the trail (every call the provider makes), the bucket and the key from
 *   outside the VPC, but cannot delete, overwrite, unlock or bypass the lock of an archived log,
 *   nor read one. Under GOVERNANCE retention a locked version can be deleted only by a principal
 *   allowed s3:BypassGovernanceRetention who sends x-amz-bypass-governance-retention, and the
 *   plain s3:DeleteObjectVersion is needed as well; the bucket policy denies both to every person.
 *   https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock-managing.html#object-lock-managing-bypass
 */
import * as assert from "assert";
import { PROVIDER_BUCKET_READ_ACTIONS, PROVIDER_BUCKET_WRITE_ACTIONS, PROVIDER_KEY_READ_ACTIONS, PROVIDER_KEY_WRITE_ACTIONS, PROVIDER_TRAIL_READ_ACTIONS, PROVIDER_TRAIL_WRITE_ACTIONS } from "../../../components/lib/operators";
import type { PolicyDocument } from "../../../components/lib/policy-document";
import { actionsThatSupportResourceScope } from "../../../policies/lib/iam-actions";
import type { ExportedResource } from "../../../policies/lib/stack-export";
import { planExports } from "../../helpers/plan-exports";
import { decide, Decision } from "../storage/iam-sim";

const ACCOUNT = "111122223333";
const OTHER_ACCOUNT = "444455556666";
const ACL = { "s3:x-amz-acl": "bucket-owner-full-control" };
const BROAD: PolicyDocument = {
    Version: "2012-10-17",
    Statement: [
        { Sid: "S3", Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::*", "arn:aws:s3:::*/*"] },
        { Sid: "Kms", Effect: "Allow", Action: "kms:*", Resource: "*" },
        { Sid: "Trail", Effect: "Allow", Action: "cloudtrail:*", Resource: "*" },
    ],
};
/** Object writes a person might try on an archived log. */
const TAMPERING = ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention", "s3:PutObjectRetention", "s3:PutObjectLegalHold"];

interface Archive {
    readonly stack: string;
    readonly region: string;
    readonly bucketArn: string;
    readonly policy: PolicyDocument;
    readonly keyArn: string;
    readonly keyPolicy: PolicyDocument;
    readonly endpoint: string;
    readonly trailArn?: string;
    readonly deployer: string;
    readonly operators: string[];
    readonly auditor: string;
    readonly workers: string;
}

function collect(stack: string, rs: ExportedResource[]): Archive {
    const root = rs.find((r) => r.type === "pulumi:pulumi:Stack")!;
    const bucket = rs.find((r) => r.type === "aws:s3/bucket:Bucket" && (r.inputs?.tags as Record<string, string>)?.["spot-grid:role"] === "log-archive")!;
    const bucketName = String(bucket.outputs!.bucket);
    const policy = JSON.parse(String(rs.find((r) => r.type === "aws:s3/bucketPolicy:BucketPolicy" && r.inputs?.bucket === bucketName)!.inputs!.policy)) as PolicyDocument;
    const key = rs.find((r) => r.type === "aws:kms/key:Key" && (r.inputs?.tags as Record<string, string>)?.["spot-grid:role"] === "audit-key")!;
    const endpoints = policy.Statement.find((s) => s.Sid === "DenyObjectAccessOutsideVpcEndpoints")!.Condition!.StringNotEquals["aws:SourceVpce"];
    const operators = root.outputs!.operatorRoleArns as string[];
    return {
        stack,
        region: String(bucket.outputs!.region),
        bucketArn: String(bucket.outputs!.arn),
        policy,
        keyArn: String(key.outputs!.arn),
        keyPolicy: JSON.parse(String(key.inputs!.policy)),
        endpoint: Array.isArray(endpoints) ? endpoints[0] : endpoints,
        trailArn: rs.find((r) => r.type === "aws:cloudtrail/trail:Trail")?.outputs?.arn as string | undefined,
        deployer: operators.find((o) => o.endsWith("/spot-grid-deployer"))!,
        operators,
        auditor: String(root.outputs!.auditorRoleArn),
        workers: String(root.outputs!.workersRoleArn),
    };
}

describe("the log archive: who writes, who reads, who manages (IAM simulator, real plans)", function () {
    this.timeout(600_000);
    let archives: Archive[] = [];
    before(async () => {
        const plan = await planExports();
        archives = plan.stacks.map((s) => collect(s, plan.exports[s].deployment.resources));
    });

    const object = (a: Archive, key: string) => `${a.bucketArn}/${key}`;
    const paths = (a: Archive) => ({
        cloudTrail: `cloudtrail/AWSLogs/${ACCOUNT}/CloudTrail/${a.region}/2026/01/02/${ACCOUNT}_CloudTrail_${a.region}_20260102T0000Z_abc.json.gz`,
        config: `config/AWSLogs/${ACCOUNT}/Config/${a.region}/2026/1/2/ConfigHistory/${ACCOUNT}_Config_${a.region}_ConfigHistory_x.json.gz`,
        flowLogs: `vpc-flow-logs/AWSLogs/aws-account-id=${ACCOUNT}/aws-service=vpcflowlogs/aws-region=${a.region}/year=2026/month=01/day=02/hour=00/${ACCOUNT}_vpcflowlogs_${a.region}_fl-1_20260102T0000Z_hash.log.parquet`,
    });
    const asService = (a: Archive, service: string, action: string, key: string, context: Record<string, string>): Promise<Decision> =>
        decide({ principal: service, action, resource: object(a, key), accountId: ACCOUNT, context, identityPolicies: [], resourcePolicy: a.policy });
    const asPerson = (a: Archive, who: string, action: string, resource: string, context: Record<string, string>, identity: PolicyDocument[] = [BROAD]): Promise<Decision> =>
        decide({ principal: who, action, resource, accountId: ACCOUNT, context, identityPolicies: identity, resourcePolicy: a.policy });

    it("has an archive, its key and the principals in every stack, and the account trail in the audit home only", async () => {
        assert.deepStrictEqual(archives.map((a) => a.stack).sort(), ["hyderabad", "mumbai", "ohio"]);
        assert.deepStrictEqual(archives.filter((a) => a.trailArn).map((a) => a.stack), ["mumbai"]);
        for (const a of archives) assert.match(a.auditor, /:role\/spot-grid-auditor$/, a.stack);
        const all = [...PROVIDER_TRAIL_READ_ACTIONS, ...PROVIDER_TRAIL_WRITE_ACTIONS];
        assert.deepStrictEqual((await actionsThatSupportResourceScope(all)).unknown, [], "the provider's trail calls are real IAM actions");
    });

    it("CloudTrail, AWS Config and log delivery each write their own prefix, for this account and their own source", async () => {
        for (const a of archives) {
            const p = paths(a);
            const logs = { "aws:SourceAccount": ACCOUNT, "aws:SourceArn": `arn:aws:logs:${a.region}:${ACCOUNT}:delivery-source:vpc-flow-logs` };
            assert.strictEqual(await asService(a, "config.amazonaws.com", "s3:PutObject", p.config, { ...ACL, "aws:SourceAccount": ACCOUNT }), "Allowed", `${a.stack} config`);
            assert.strictEqual(await asService(a, "delivery.logs.amazonaws.com", "s3:PutObject", p.flowLogs, { ...ACL, ...logs }), "Allowed", `${a.stack} flow logs`);
            const trail = await asService(a, "cloudtrail.amazonaws.com", "s3:PutObject", p.cloudTrail, { ...ACL, "aws:SourceArn": a.trailArn ?? `arn:aws:cloudtrail:${a.region}:${ACCOUNT}:trail/spot-grid-account-trail` });
            assert.strictEqual(trail, a.trailArn ? "Allowed" : "ImplicitlyDenied", `${a.stack} cloudtrail`);

            // Another account's deliveries, another source, another service's prefix, without the bucket-owner ACL.
            assert.notStrictEqual(await asService(a, "config.amazonaws.com", "s3:PutObject", p.config, { ...ACL, "aws:SourceAccount": OTHER_ACCOUNT }), "Allowed", `${a.stack} config for another account`);
            assert.notStrictEqual(await asService(a, "delivery.logs.amazonaws.com", "s3:PutObject", p.flowLogs, { ...ACL, "aws:SourceAccount": ACCOUNT, "aws:SourceArn": `arn:aws:logs:eu-west-1:${ACCOUNT}:x` }), "Allowed", `${a.stack} flow logs of another region`);
            assert.notStrictEqual(await asService(a, "config.amazonaws.com", "s3:PutObject", p.cloudTrail, { ...ACL, "aws:SourceAccount": ACCOUNT }), "Allowed", `${a.stack} config into cloudtrail/`);
            assert.notStrictEqual(await asService(a, "config.amazonaws.com", "s3:PutObject", p.config, { "s3:x-amz-acl": "private", "aws:SourceAccount": ACCOUNT }), "Allowed", `${a.stack} config without the owner ACL`);
            if (a.trailArn) {
                assert.notStrictEqual(await asService(a, "cloudtrail.amazonaws.com", "s3:PutObject", p.cloudTrail, { ...ACL, "aws:SourceArn": `arn:aws:cloudtrail:${a.region}:${OTHER_ACCOUNT}:trail/x` }), "Allowed", "another trail");
            }
            // No other service delivers here: S3 server access logging, EventBridge.
            for (const service of ["logging.s3.amazonaws.com", "events.amazonaws.com"]) {
                assert.notStrictEqual(await asService(a, service, "s3:PutObject", p.config, { ...ACL, "aws:SourceAccount": ACCOUNT }), "Allowed", `${a.stack} ${service}`);
            }
        }
    });

    it("no person writes, deletes, unlocks or bypasses the lock of a log, even with s3:* and through the endpoints", async () => {
        for (const a of archives) {
            const key = paths(a).config;
            for (const who of [...a.operators, a.auditor, a.workers, `arn:aws:iam::${ACCOUNT}:role/analytics-team`]) {
                for (const action of TAMPERING) {
                    for (const context of [{ "aws:SourceVpce": a.endpoint }, {}] as Record<string, string>[]) {
                        assert.strictEqual(await asPerson(a, who, action, object(a, key), context), "ExplicitlyDenied", `${a.stack}: ${who} ${action} ${JSON.stringify(context)}`);
                    }
                }
            }
        }
    });

    it("the auditor reads (objects, versions, lock status, restores) through the endpoints with no IAM policy of its own", async () => {
        for (const a of archives) {
            const inside = { "aws:SourceVpce": a.endpoint };
            for (const action of ["s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectRetention", "s3:RestoreObject"]) {
                assert.strictEqual(await asPerson(a, a.auditor, action, object(a, paths(a).flowLogs), inside, []), "Allowed", `${a.stack} ${action}`);
            }
            assert.strictEqual(await asPerson(a, a.auditor, "s3:ListBucket", a.bucketArn, inside, []), "Allowed", `${a.stack} ListBucket`);
            assert.strictEqual(await asPerson(a, a.auditor, "s3:GetObject", object(a, paths(a).flowLogs), {}, []), "ExplicitlyDenied", `${a.stack}: not from outside the endpoints`);
        }
    });

    it("the auditor can only read: even with s3:* it changes no bucket setting", async () => {
        for (const a of archives) {
            for (const action of ["s3:PutBucketPolicy", "s3:PutLifecycleConfiguration", "s3:PutBucketObjectLockConfiguration", "s3:PutBucketVersioning", "s3:DeleteBucket", "s3:PutEncryptionConfiguration"]) {
                assert.strictEqual(await asPerson(a, a.auditor, action, a.bucketArn, { "aws:SourceVpce": a.endpoint }), "ExplicitlyDenied", `${a.stack} ${action}`);
            }
        }
    });

    it("the auditor decrypts archived logs through S3 in the archive's region only; the key serves it nothing else", async () => {
        for (const a of archives) {
            const viaS3 = { "kms:ViaService": `s3.${a.region}.amazonaws.com`, "kms:CallerAccount": ACCOUNT };
            const key = (action: string, context: Record<string, string>) => decide({ principal: a.auditor, action, resource: a.keyArn, accountId: ACCOUNT, context, identityPolicies: [], resourcePolicy: a.keyPolicy });
            assert.strictEqual(await key("kms:Decrypt", viaS3), "Allowed", `${a.stack} Decrypt via S3`);
            assert.notStrictEqual(await key("kms:Decrypt", { "kms:CallerAccount": ACCOUNT }), "Allowed", `${a.stack} Decrypt directly`);
            assert.notStrictEqual(await key("kms:Decrypt", { ...viaS3, "kms:ViaService": "s3.eu-west-1.amazonaws.com" }), "Allowed", `${a.stack} Decrypt via another region`);
            for (const action of ["kms:Encrypt", "kms:GenerateDataKey", "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"]) {
                assert.notStrictEqual(await key(action, viaS3), "Allowed", `${a.stack} ${action}`);
            }
        }
    });

    it("the deployer manages the trail, the archive bucket and its key from outside the VPC", async () => {
        for (const a of archives) {
            const trail = a.trailArn ?? `arn:aws:cloudtrail:${a.region}:${ACCOUNT}:trail/spot-grid-account-trail`;
            const trailActions = [...PROVIDER_TRAIL_READ_ACTIONS, ...PROVIDER_TRAIL_WRITE_ACTIONS];
            const scopable = new Set((await actionsThatSupportResourceScope(trailActions)).scopable.map((x) => x.toLowerCase()));
            for (const action of trailActions) {
                // Actions without resource-level permissions (DescribeTrails) authorize against "*".
                const resource = scopable.has(action.toLowerCase()) ? trail : "*";
                assert.strictEqual(await decide({ principal: a.deployer, action, resource, accountId: ACCOUNT, identityPolicies: [BROAD] }), "Allowed", `${a.stack} ${action}`);
            }
            for (const action of [...PROVIDER_BUCKET_READ_ACTIONS, ...PROVIDER_BUCKET_WRITE_ACTIONS]) {
                assert.strictEqual(await asPerson(a, a.deployer, action, a.bucketArn, {}), "Allowed", `${a.stack} ${action}`);
            }
            for (const action of [...PROVIDER_KEY_READ_ACTIONS, ...PROVIDER_KEY_WRITE_ACTIONS]) {
                const d = await decide({ principal: a.deployer, action, resource: a.keyArn, accountId: ACCOUNT, context: { "kms:CallerAccount": ACCOUNT }, identityPolicies: [BROAD], resourcePolicy: a.keyPolicy });
                assert.strictEqual(d, "Allowed", `${a.stack} ${action}`);
            }
        }
    });

    it("the audit home's deployer may decrypt the S3 Bucket Key through S3 (CloudTrail checks it), and reads no log with it", async () => {
        for (const a of archives) {
            const context = { "kms:ViaService": `s3.${a.region}.amazonaws.com`, "kms:CallerAccount": ACCOUNT, "kms:EncryptionContext:aws:s3:arn": a.bucketArn };
            const d = await decide({ principal: a.deployer, action: "kms:Decrypt", resource: a.keyArn, accountId: ACCOUNT, context, identityPolicies: [BROAD], resourcePolicy: a.keyPolicy });
            assert.strictEqual(d, a.trailArn ? "Allowed" : "ImplicitlyDenied", a.stack);
            for (const context of [{ "aws:SourceVpce": a.endpoint }, {}] as Record<string, string>[]) {
                assert.strictEqual(await asPerson(a, a.deployer, "s3:GetObject", object(a, paths(a).cloudTrail), context), "ExplicitlyDenied", `${a.stack} GetObject ${JSON.stringify(context)}`);
            }
        }
    });
});
