import * as assert from "assert";
import { iamTrustKnownPrincipals, trustedRoleArns } from "../../../policies/least-privilege-iam/iamTrustKnownPrincipals";
import { parsePolicyDocument } from "../../../policies/lib/iam-document";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, res, runStackPolicy } from "../../helpers/policy";

const ACCOUNT = "111122223333";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const WORKERS = `arn:aws:iam::${ACCOUNT}:role/spot-grid-workers-ap-south-1`;
const REPLICATION = `arn:aws:iam::${ACCOUNT}:role/spot-grid-replication-ap-south-1`;
const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/spot-grid-break-glass`;
const ON_PREM = "arn:aws:iam::444455556666:role/onprem-daily-upload";
const ASG_SLR = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;

const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
/** A key policy that lets the named roles use the key (by aws:PrincipalArn), as the region key does. */
const keyUsers = (...arns: string[]) =>
    res("aws:kms/key:Key", "data-key", { policy: doc({ Sid: "Use", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:Decrypt", Resource: "*", Condition: { ArnEquals: { "aws:PrincipalArn": arns } } }) });
const bucketPolicy = (...exempt: string[]) =>
    res("aws:s3/bucketPolicy:BucketPolicy", "data-policy", {
        policy: doc({ Sid: "DenyOutside", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::b/*", Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-0a1b2c3d" }, ArnNotEquals: { "aws:PrincipalArn": exempt } } }),
    });
const role = (name: string, arn: string, trust = doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" })) =>
    res("aws:iam/role:Role", name, { arn, name: arn.split("/").pop(), assumeRolePolicy: trust });
const stackRoot = (configured: string[]) => res("pulumi:pulumi:Stack", "spot-grid-mumbai", { configuredPrincipalArns: configured });

describe("least-privilege-iam/iam-trust-known-principals", () => {
    it("passes roles the stack creates, named in key and bucket policies", async () => {
        assertNoViolations(await runStackPolicy(iamTrustKnownPrincipals, [role("workers", WORKERS), role("replication", REPLICATION), keyUsers(WORKERS, REPLICATION), bucketPolicy(REPLICATION)]));
    });
    it("fires on a role name nothing created (the old break-glass default, a peer's replication role)", async () => {
        const run = await runStackPolicy(iamTrustKnownPrincipals, [role("workers", WORKERS), keyUsers(WORKERS, BREAK_GLASS), bucketPolicy(REPLICATION)]);
        assertHasViolation(run, /'data-key' \(aws:kms\/key:Key\) policy trusts arn:aws:iam::111122223333:role\/spot-grid-break-glass, a role this stack neither creates nor receives as config/);
        assertHasViolation(run, /'data-policy' .* trusts arn:aws:iam::111122223333:role\/spot-grid-replication-ap-south-1/, "urn:pulumi:mumbai::spot-grid::aws:s3/bucketPolicy:BucketPolicy::data-policy");
        assert.strictEqual(run.violations.length, 2);
    });
    it("passes a role the stack receives as config (listed in configuredPrincipalArns), including another account's in a trust policy", async () => {
        const uploader = role("uploader", `arn:aws:iam::${ACCOUNT}:role/spot-grid-uploader-ap-south-1`, doc({ Effect: "Allow", Principal: { AWS: ON_PREM }, Action: "sts:AssumeRole" }));
        assertNoViolations(await runStackPolicy(iamTrustKnownPrincipals, [stackRoot([BREAK_GLASS, ON_PREM]), role("workers", WORKERS), keyUsers(WORKERS, BREAK_GLASS), uploader]));
        assertHasViolation(await runStackPolicy(iamTrustKnownPrincipals, [stackRoot([BREAK_GLASS]), uploader]), /'uploader' \(aws:iam\/role:Role\) assumeRolePolicy trusts arn:aws:iam::444455556666:role\/onprem-daily-upload/);
    });
    it("passes roles from a StackReference's outputs (a stack deployed earlier created them)", async () => {
        const ref = res("pulumi:pulumi:StackReference", "organization/spot-grid/identity", { outputs: { replicationRoleArns: { mumbai: REPLICATION } } });
        assertNoViolations(await runStackPolicy(iamTrustKnownPrincipals, [ref, bucketPolicy(REPLICATION)]));
    });
    it("passes service-linked roles (only AWS creates them), account roots and service principals", async () => {
        const ebs = res("aws:kms/key:Key", "ebs-key", { policy: doc({ Effect: "Allow", Principal: { AWS: [ASG_SLR, ROOT] }, Action: "kms:Decrypt", Resource: "*" }, { Effect: "Allow", Principal: { Service: "logs.ap-south-1.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*" }) });
        assertNoViolations(await runStackPolicy(iamTrustKnownPrincipals, [ebs]));
    });
    // Found by the preview lane (tests/policies/preview-conformance.test.ts): a role of the stack whose ARN is unknown was read as no role.
    it("in preview, passes a role of the stack whose ARN is not known yet when a document names it by its ARN (name and path match); judged at up", async () => {
        const pending = { ...role("replication", REPLICATION), props: { arn: UNKNOWN, name: "spot-grid-replication-ap-south-1" } };
        assertNoViolations(await runStackPolicy(iamTrustKnownPrincipals, [pending, keyUsers(REPLICATION)]));
        const pathed = { ...role("replication", REPLICATION), props: { arn: UNKNOWN, name: "spot-grid-replication-ap-south-1", path: "/grid/" } };
        assertHasViolation(await runStackPolicy(iamTrustKnownPrincipals, [pathed, keyUsers(REPLICATION)]), /trusts arn:aws:iam::111122223333:role\/spot-grid-replication-ap-south-1, a role this stack neither creates/);
        assertNoViolations(await runStackPolicy(iamTrustKnownPrincipals, [pathed, keyUsers(`arn:aws:iam::${ACCOUNT}:role/grid/spot-grid-replication-ap-south-1`)]));
        assertHasViolation(await runStackPolicy(iamTrustKnownPrincipals, [pending, keyUsers(BREAK_GLASS)]), /spot-grid-break-glass, a role this stack neither creates/);
    });
    it("says it can't run during preview, never 'neither creates nor receives', when configuredPrincipalArns is not known yet", async () => {
        await assert.rejects(runStackPolicy(iamTrustKnownPrincipals, [res("pulumi:pulumi:Stack", "spot-grid-mumbai", { configuredPrincipalArns: UNKNOWN }), keyUsers(BREAK_GLASS)]), UnknownValueError);
        assertNoViolations(await runStackPolicy(iamTrustKnownPrincipals, [res("pulumi:pulumi:Stack", "spot-grid-mumbai", { configuredPrincipalArns: UNKNOWN }), role("workers", WORKERS), keyUsers(WORKERS)]));
    });
    it("passes a principal the team lists in knownPrincipalArns", async () => {
        assertNoViolations(await runStackPolicy(iamTrustKnownPrincipals, [keyUsers(BREAK_GLASS)], { knownPrincipalArns: [BREAK_GLASS] }));
    });
    it("judges topic and queue policies too, and ignores documents it cannot read (unknown at preview)", async () => {
        const topic = res("aws:sns/topicPolicy:TopicPolicy", "ops-policy", { policy: doc({ Effect: "Allow", Principal: { AWS: BREAK_GLASS }, Action: "sns:Publish", Resource: "*" }) });
        assertHasViolation(await runStackPolicy(iamTrustKnownPrincipals, [topic]), /'ops-policy' \(aws:sns\/topicPolicy:TopicPolicy\)/);
        const queue = res("aws:sqs/queuePolicy:QueuePolicy", "jobs-policy", { policy: doc({ Effect: "Allow", Principal: { AWS: BREAK_GLASS }, Action: "sqs:SendMessage", Resource: "*" }) });
        assertHasViolation(await runStackPolicy(iamTrustKnownPrincipals, [queue]), /'jobs-policy' \(aws:sqs\/queuePolicy:QueuePolicy\)/);
        assertNoViolations(await runStackPolicy(iamTrustKnownPrincipals, [res("aws:kms/key:Key", "k", { policy: "{" })]));
    });
    it("reads both Principal entries and aws:PrincipalArn conditions, patterns included (they match names not yet created)", async () => {
        const parsed = parsePolicyDocument(
            doc(
                { Effect: "Allow", Principal: { AWS: WORKERS }, Action: "sts:AssumeRole" },
                { Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:Decrypt", Resource: "*", Condition: { ArnLike: { "AWS:PrincipalArn": [REPLICATION, `arn:aws:iam::${ACCOUNT}:role/team-*`] } } },
            ),
        );
        assert.ok(parsed.ok);
        assert.deepStrictEqual(trustedRoleArns(parsed.document).sort(), [REPLICATION, `arn:aws:iam::${ACCOUNT}:role/team-*`, WORKERS].sort());
        assertHasViolation(await runStackPolicy(iamTrustKnownPrincipals, [role("workers", WORKERS), keyUsers(WORKERS, `arn:aws:iam::${ACCOUNT}:role/team-*`)]), /trusts arn:aws:iam::111122223333:role\/team-\*/);
    });
});
