import * as assert from "assert";
import { s3DenyInsecureTransport } from "../../../policies/encryption/s3DenyInsecureTransport";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { BUCKET, BUCKET_V2, TLS_POLICY } from "./fixtures";

const POLICY_TYPE = "aws:s3/bucketPolicy:BucketPolicy";
const bucketPolicy = (policy: unknown) => ({ type: POLICY_TYPE, name: "data-policy", props: { bucket: "data", policy } });
const withStatement = (over: Record<string, unknown>) => ({ ...TLS_POLICY, Statement: [{ ...TLS_POLICY.Statement[0], ...over }] });

describe("encryption/s3-deny-insecure-transport", () => {
    it("passes the deny statement as a JSON string and as an object", async () => {
        assertNoViolations(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy(JSON.stringify(TLS_POLICY))));
        assertNoViolations(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy(TLS_POLICY)));
    });
    it("passes {AWS: \"*\"} and a single-statement document", async () => {
        const single = { Version: "2012-10-17", Statement: { ...TLS_POLICY.Statement[0], Principal: { AWS: "*" } } };
        assertNoViolations(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy(single)));
    });
    it("fires when the policy has no such statement", async () => {
        const other = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" }] };
        assertHasViolation(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy(JSON.stringify(other))), /'data-policy'.*no statement denies s3:\*.*SecureTransport/);
    });
    it("fires when the condition says true instead of false", async () => {
        assertHasViolation(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy(withStatement({ Condition: { Bool: { "aws:SecureTransport": "true" } } }))), /no statement denies/);
    });
    it("fires when the deny covers only the bucket, not its objects", async () => {
        assertHasViolation(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy(withStatement({ Resource: "arn:aws:s3:::data" }))), /no statement denies/);
    });
    it("fires when it is an Allow, or only for some actions", async () => {
        assertHasViolation(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy(withStatement({ Effect: "Allow" }))), /no statement denies/);
        assertHasViolation(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy(withStatement({ Action: "s3:GetObject" }))), /no statement denies/);
    });
    it("reports a malformed document as not judgeable, never crashes", async () => {
        assertHasViolation(await runResourcePolicy(s3DenyInsecureTransport, bucketPolicy("{not json")), /cannot be judged: not valid JSON/);
    });
    it("raises UnknownValueError for a policy unknown during preview", async () => {
        await assert.rejects(runResourcePolicy(s3DenyInsecureTransport, bucketPolicy(UNKNOWN)), UnknownValueError);
    });
    it("judges and flags an inline policy on Bucket and BucketV2", async () => {
        const inline = { type: BUCKET, name: "data", props: { policy: JSON.stringify(TLS_POLICY) } };
        assertNoViolations(await runResourcePolicy(s3DenyInsecureTransport, inline, { allowDeprecatedForms: true }));
        assertHasViolation(await runResourcePolicy(s3DenyInsecureTransport, inline), /inline on the bucket \(deprecated\).*aws\.s3\.BucketPolicy/);
        const v2 = { type: BUCKET_V2, name: "old", props: { policy: JSON.stringify(withStatement({ Effect: "Allow" })) } };
        const run = await runResourcePolicy(s3DenyInsecureTransport, v2, { allowDeprecatedForms: true });
        assertHasViolation(run, /'old'.*no statement denies/);
    });
    it("ignores a bucket with no inline policy (the stack policy judges it)", async () => {
        assertNoViolations(await runResourcePolicy(s3DenyInsecureTransport, { type: BUCKET, name: "data", props: { bucket: "data" } }));
    });
});
