/**
 * Mutations of the audit layer (issue 13): careless changes to the real plan's trail, AWS Config
 * recorder and log archive, each with the policy that must catch it. Targets are located by type
 * and role (the archive by its `spot-grid:role = log-archive` tag), as in ./cases.
 */
import type { ExportedResource } from "../../../policies/lib/stack-export";
import type { Applied, Mutation } from "./cases";
import { at, editDocument, StackDoc } from "./stack-doc";

type Props = Record<string, unknown>;
const edited = (r: ExportedResource): Applied => ({ urn: r.urn, how: "edit" });

const TRAIL = "aws:cloudtrail/trail:Trail";
const RECORDER = "aws:cfg/recorder:Recorder";
const OBJECT_LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

const trail = (d: StackDoc) => d.find(TRAIL, "the account trail (audit home)");
const recorder = (d: StackDoc) => d.find(RECORDER, "the AWS Config recorder");
const archive = (d: StackDoc) => d.bucket("log-archive");
const archiveLock = (d: StackDoc) => d.linkedTo(OBJECT_LOCK, "bucket", archive(d), "the archive's Object Lock configuration");
const archivePolicy = (d: StackDoc) => d.linkedTo("aws:s3/bucketPolicy:BucketPolicy", "bucket", archive(d), "the archive's bucket policy");
const archiveKey = (d: StackDoc) => d.find("aws:kms/key:Key", "the archive key", (k) => (k.inputs?.tags as Props | undefined)?.["spot-grid:role"] === "audit-key");
const root = (d: StackDoc) => d.find("pulumi:pulumi:Stack", "the stack");
const recordedTypes = (d: StackDoc, change: (types: string[]) => string[]) =>
    d.edit(recorder(d), (p) => {
        const group = at<Props>(p, ["recordingGroup"], "recording group");
        group.resourceTypes = change(at<string[]>(group, ["resourceTypes"], "recorded types"));
    });

export const AUDIT_MUTATIONS: Mutation[] = [
    {
        id: "trail-single-region",
        concern: "data-protection",
        change: "turns the account trail into a single-region trail",
        policy: "cloudtrail-multi-region",
        level: "mandatory",
        apply: (d) => edited(d.edit(trail(d), (p) => (p.isMultiRegionTrail = false))),
    },
    {
        id: "trail-stopped",
        concern: "data-protection",
        change: "sets enableLogging false on the account trail",
        policy: "cloudtrail-multi-region",
        level: "mandatory",
        apply: (d) => edited(d.edit(trail(d), (p) => (p.enableLogging = false))),
    },
    {
        id: "trail-data-events-only",
        concern: "data-protection",
        change: "keeps only the S3 data-event selector on the account trail (no management events)",
        policy: "cloudtrail-multi-region",
        level: "mandatory",
        apply: (d) => edited(d.edit(trail(d), (p) => (p.advancedEventSelectors = at<unknown[]>(p, ["advancedEventSelectors"], "selectors").slice(1)))),
    },
    {
        id: "trail-log-validation-off",
        concern: "data-protection",
        change: "turns log file validation off on the account trail",
        policy: "cloudtrail-log-validation",
        level: "mandatory",
        apply: (d) => edited(d.edit(trail(d), (p) => (p.enableLogFileValidation = false))),
    },
    {
        id: "trail-without-kms",
        concern: "encryption",
        change: "drops kmsKeyId from the account trail (logs SSE-S3 only)",
        policy: "cloudtrail-kms",
        level: "mandatory",
        apply: (d) => edited(d.edit(trail(d), (p) => delete p.kmsKeyId)),
    },
    {
        id: "trail-log-group-without-kms",
        concern: "encryption",
        change: "creates the trail's CloudWatch Logs group without kmsKeyId",
        policy: "logs-encrypted",
        level: "mandatory",
        apply: (d) => edited(d.edit(d.find("aws:cloudwatch/logGroup:LogGroup", "the trail's log group", (g) => g.inputs?.name === "/spot-grid/audit/cloudtrail"), (p) => delete p.kmsKeyId)),
    },
    {
        id: "recorder-drops-security-groups",
        concern: "data-protection",
        change: "stops AWS Config recording security groups",
        policy: "config-records-judged-types",
        level: "mandatory",
        stack: "ohio",
        apply: (d) => edited(recordedTypes(d, (ts) => ts.filter((t) => t !== "AWS::EC2::SecurityGroup"))),
    },
    {
        id: "home-recorder-drops-iam",
        concern: "data-protection",
        change: "stops the audit home's recorder recording IAM roles",
        policy: "config-records-judged-types",
        level: "mandatory",
        apply: (d) => edited(recordedTypes(d, (ts) => ts.filter((t) => t !== "AWS::IAM::Role"))),
    },
    {
        id: "recorder-switched-off",
        concern: "data-protection",
        change: "sets isEnabled false on the AWS Config recorder status",
        policy: "config-records-judged-types",
        level: "mandatory",
        stack: "hyderabad",
        apply: (d) => {
            d.edit(d.find("aws:cfg/recorderStatus:RecorderStatus", "the recorder status"), (p) => (p.isEnabled = false));
            return edited(recorder(d));
        },
    },
    {
        id: "recorder-removed",
        concern: "data-protection",
        change: "deletes the AWS Config recorder, its status and delivery channel from the stack",
        policy: "config-records-judged-types",
        level: "mandatory",
        stack: "ohio",
        apply: (d) => {
            for (const t of [RECORDER, "aws:cfg/recorderStatus:RecorderStatus", "aws:cfg/deliveryChannel:DeliveryChannel"]) d.remove(d.find(t, t));
            // A stack-level finding: the engine files it on the root stack.
            return edited(root(d));
        },
    },
    {
        id: "archive-without-object-lock",
        concern: "data-protection",
        change: "creates the log archive without Object Lock (and drops its lock configuration)",
        policy: "s3-archive-object-lock",
        level: "mandatory",
        apply: (d) => {
            d.remove(archiveLock(d));
            return edited(d.edit(archive(d), (p) => delete p.objectLockEnabled));
        },
    },
    {
        id: "archive-lock-30-days",
        concern: "data-protection",
        change: "shortens the archive's default Object Lock retention to 30 days",
        policy: "s3-archive-object-lock",
        level: "mandatory",
        stack: "hyderabad",
        apply: (d) => {
            d.edit(archiveLock(d), (p) => (at<Props>(p, ["rule", "defaultRetention"], "default retention").days = 30));
            return edited(archive(d));
        },
    },
    {
        id: "access-logs-into-archive",
        concern: "data-protection",
        change: "sends the data bucket's server access logs to the Object Lock log archive",
        policy: "s3-access-logging",
        level: "mandatory",
        apply: (d) => {
            const target = String(archive(d).outputs?.bucket);
            d.edit(d.linkedTo("aws:s3/bucketLogging:BucketLogging", "bucket", d.bucket("data"), "the data bucket's access logging"), (p) => (p.targetBucket = target));
            return edited(archive(d));
        },
    },
    {
        id: "archive-public-write",
        concern: "egress",
        change: "adds an Allow s3:PutObject for Principal \"*\" to the log archive's bucket policy",
        policy: "s3-no-public-access",
        level: "mandatory",
        apply: (d) =>
            edited(d.edit(archivePolicy(d), (p) => editDocument(p, "policy", (doc) => doc.Statement.push({ Sid: "Anyone", Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: `${archive(d).outputs?.arn}/*` })))),
    },
    {
        id: "archive-reader-unconfigured-role",
        concern: "iam",
        change: "lets a role nobody configured or created (spot-grid-auditor-2) read the log archive",
        policy: "iam-trust-known-principals",
        level: "mandatory",
        stack: "ohio",
        apply: (d) =>
            edited(
                d.edit(archivePolicy(d), (p) =>
                    editDocument(p, "policy", (doc) => {
                        const read = doc.Statement.find((s) => s.Sid === "AuditorsReadArchive") as Props;
                        read.Principal = { AWS: "arn:aws:iam::111122223333:role/spot-grid-auditor-2" };
                    }),
                ),
            ),
    },
    {
        id: "archive-key-rotation-off",
        concern: "encryption",
        change: "sets enableKeyRotation false on the log archive's key",
        policy: "kms-key-rotation",
        level: "mandatory",
        apply: (d) => edited(d.edit(archiveKey(d), (p) => (p.enableKeyRotation = false))),
    },
    {
        id: "archive-not-protected",
        concern: "data-protection",
        change: "drops protect from the log archive bucket",
        policy: "stateful-protected",
        level: "mandatory",
        apply: (d) => {
            const bucket = archive(d);
            bucket.protect = false;
            return edited(bucket);
        },
    },
];
