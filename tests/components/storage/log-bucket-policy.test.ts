import * as assert from "assert";
import { logBucketPolicy, LOGGING_SERVICE_PRINCIPAL, validateDataBucketPolicyArgs } from "../../../components/storage/bucket-policy";
import { PolicyDocument } from "../../../components/lib/policy-document";
import { decide } from "./iam-sim";
import { ACCOUNT, GATEWAY_ENDPOINT, hyderabad, logBucketArn, mumbai, mumbaiLogBucketPolicy, roles } from "./fixtures";

const admin: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "Admin", Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::*", "arn:aws:s3:::*/*"] }] };
const delivery = (context: Record<string, string>, key = "s3-access/2026-01-02-00-00-00-ABC") =>
    decide({ principal: LOGGING_SERVICE_PRINCIPAL, action: "s3:PutObject", resource: `${logBucketArn}/${key}`, accountId: ACCOUNT, context, identityPolicies: [], resourcePolicy: mumbaiLogBucketPolicy });

describe("log bucket policy", () => {
    it("lets S3 server access logging deliver logs of our data bucket only", async () => {
        assert.strictEqual(await delivery({ "aws:SourceArn": mumbai.bucketArn, "aws:SourceAccount": ACCOUNT }), "Allowed");
        assert.strictEqual(await delivery({ "aws:SourceArn": hyderabad.bucketArn, "aws:SourceAccount": ACCOUNT }), "ImplicitlyDenied");
        assert.strictEqual(await delivery({ "aws:SourceArn": mumbai.bucketArn, "aws:SourceAccount": "444455556666" }), "ImplicitlyDenied");
        assert.strictEqual(await delivery({ "aws:SourceArn": mumbai.bucketArn, "aws:SourceAccount": ACCOUNT }, "elsewhere/x"), "ImplicitlyDenied");
    });
    it("makes logs append-only for people, break-glass included", async () => {
        for (const action of ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"]) {
            for (const who of [roles.breakGlass, roles.someoneElse]) {
                const d = await decide({ principal: who, action, resource: `${logBucketArn}/s3-access/x`, accountId: ACCOUNT, context: { "aws:SourceVpce": GATEWAY_ENDPOINT }, identityPolicies: [admin], resourcePolicy: mumbaiLogBucketPolicy });
                assert.strictEqual(d, "ExplicitlyDenied", `${who} ${action}`);
            }
        }
    });
    it("lets auditors read through the endpoint, and break-glass from anywhere, over TLS only", async () => {
        const read = (who: string, context: Record<string, string>) => decide({ principal: who, action: "s3:GetObject", resource: `${logBucketArn}/s3-access/x`, accountId: ACCOUNT, context, identityPolicies: [admin], resourcePolicy: mumbaiLogBucketPolicy });
        assert.strictEqual(await read(roles.someoneElse, { "aws:SourceVpce": GATEWAY_ENDPOINT }), "Allowed");
        assert.strictEqual(await read(roles.someoneElse, {}), "ExplicitlyDenied");
        assert.strictEqual(await read(roles.breakGlass, {}), "Allowed");
        assert.strictEqual(await read(roles.breakGlass, { "aws:SecureTransport": "false" }), "ExplicitlyDenied");
    });
    it("refuses inputs that would lock everyone out or log nothing", () => {
        const base = { logBucketArn, accountId: ACCOUNT, sourceBucketArns: [mumbai.bucketArn], logPrefix: "s3-access/", allowedVpcEndpointIds: [GATEWAY_ENDPOINT], operatorArns: [], objectAccessArns: [] };
        assert.throws(() => logBucketPolicy({ ...base, sourceBucketArns: [] }), /sourceBucketArns is empty/);
        assert.throws(() => logBucketPolicy({ ...base, allowedVpcEndpointIds: [] }), /allowedVpcEndpointIds is empty/);
        assert.match(validateDataBucketPolicyArgs({ allowedVpcEndpointIds: ["vpc-123"], operatorArns: [], objectAccessArns: [] }).join(), /allowedVpcEndpointIds\[0\] "vpc-123" is not a VPC endpoint id/);
        assert.match(validateDataBucketPolicyArgs({ allowedVpcEndpointIds: [GATEWAY_ENDPOINT], operatorArns: [], objectAccessArns: ["*"] }).join(), /objectAccessArns\[0\] "\*" is not an IAM role/);
        assert.match(validateDataBucketPolicyArgs({ allowedVpcEndpointIds: [GATEWAY_ENDPOINT], operatorArns: ["arn:aws:sts::111122223333:assumed-role/x/y"], objectAccessArns: [] }).join(), /operatorArns\[0\].*is not an IAM role/);
    });
});
