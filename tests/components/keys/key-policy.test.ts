import * as assert from "assert";
import { ebsLaunchServiceRoleArns, KEY_ADMIN_ACTIONS, keyPolicyDocument, validateKeyPolicyArgs } from "../../../components/keys/key-policy";
import { PolicyDocument } from "../../../components/lib/policy-document";
import { decide } from "../storage/iam-sim";
import { ACCOUNT, mumbai, mumbaiKeyPolicy, roles } from "../storage/fixtures";

const key = mumbai.keyArn;
const anyKms: PolicyDocument = { Version: "2012-10-17", Statement: [{ Sid: "KmsAdmin", Effect: "Allow", Action: ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:CreateGrant"], Resource: "*" }] };
const viaS3 = { "kms:ViaService": "s3.ap-south-1.amazonaws.com", "kms:CallerAccount": ACCOUNT, "kms:EncryptionContext:aws:s3:arn": mumbai.bucketArn };

describe("key policy", () => {
    it("lets the account administer the key through IAM", async () => {
        for (const action of ["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion"]) {
            assert.strictEqual(await decide({ principal: roles.someoneElse, action, resource: key, accountId: ACCOUNT, identityPolicies: [anyKms], resourcePolicy: mumbaiKeyPolicy }), "Allowed", action);
        }
    });
    it("does not let administrators use the key or grant it", async () => {
        for (const action of ["kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant"]) {
            assert.strictEqual(await decide({ principal: roles.someoneElse, action, resource: key, accountId: ACCOUNT, context: viaS3, identityPolicies: [anyKms], resourcePolicy: mumbaiKeyPolicy }), "ImplicitlyDenied", action);
        }
    });
    it("lets named roles use the key through S3 in its region only", async () => {
        const use = (context: Record<string, string>, principal = roles.workers) => decide({ principal, action: "kms:Decrypt", resource: key, accountId: ACCOUNT, context, identityPolicies: [anyKms], resourcePolicy: mumbaiKeyPolicy });
        assert.strictEqual(await use(viaS3), "Allowed");
        assert.strictEqual(await use(viaS3, roles.breakGlass), "Allowed");
        assert.strictEqual(await use({ ...viaS3, "kms:ViaService": "ec2.ap-south-1.amazonaws.com" }), "ImplicitlyDenied");
        assert.strictEqual(await use({ ...viaS3, "kms:ViaService": "s3.ap-south-2.amazonaws.com" }), "ImplicitlyDenied");
        assert.strictEqual(await use({ "kms:CallerAccount": ACCOUNT }), "ImplicitlyDenied");
    });
    it("still needs the role's own IAM allow (the key policy delegates to IAM)", async () => {
        assert.strictEqual(await decide({ principal: roles.workers, action: "kms:Decrypt", resource: key, accountId: ACCOUNT, context: viaS3, identityPolicies: [], resourcePolicy: mumbaiKeyPolicy }), "ImplicitlyDenied");
    });
    it("names no principal '*' and no wildcard action", () => {
        for (const s of mumbaiKeyPolicy.Statement) assert.deepStrictEqual(s.Principal, { AWS: `arn:aws:iam::${ACCOUNT}:root` }, s.Sid);
        for (const s of mumbaiKeyPolicy.Statement) for (const a of [s.Action].flat()) assert.ok(!a.includes("*"), a);
        assert.ok(!KEY_ADMIN_ACTIONS.some((a) => ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:CreateGrant"].includes(a)));
    });
    it("is the same document whatever the order of key users", () => {
        const a = keyPolicyDocument({ partition: "aws", region: "ap-south-1", accountId: ACCOUNT, keyUserArns: [roles.workers, roles.uploader] });
        const b = keyPolicyDocument({ partition: "aws", region: "ap-south-1", accountId: ACCOUNT, keyUserArns: [roles.uploader, roles.workers, roles.uploader] });
        assert.deepStrictEqual(a, b);
    });
    it("rejects inputs that would make the key unusable or too open, naming them", () => {
        const base = { partition: "aws", region: "ap-south-1", accountId: ACCOUNT, keyUserArns: [roles.workers] };
        assert.deepStrictEqual(validateKeyPolicyArgs(base), []);
        assert.match(validateKeyPolicyArgs({ ...base, keyUserArns: [] }).join(), /keyUserArns is empty/);
        assert.match(validateKeyPolicyArgs({ ...base, keyUserArns: ["arn:aws:iam::444455556666:role/x"] }).join(), /keyUserArns\[0\].*another account/);
        assert.match(validateKeyPolicyArgs({ ...base, keyUserArns: ["*"] }).join(), /keyUserArns\[0\] "\*" is not an IAM role ARN/);
        assert.match(validateKeyPolicyArgs({ ...base, accountId: "1234" }).join(), /accountId "1234" must be a 12-digit/);
        assert.throws(() => keyPolicyDocument({ ...base, keyUserArns: [] }), /key policy: keyUserArns is empty/);
    });
});

describe("key policy: EBS for the Spot workers' launch services", () => {
    const withEbs = keyPolicyDocument({ partition: "aws", region: "ap-south-1", accountId: ACCOUNT, keyUserArns: [roles.workers], allowEbsLaunchServices: true });
    const asg = ebsLaunchServiceRoleArns({ partition: "aws", accountId: ACCOUNT })[0];
    const ebs = (principal: string, action: string, context: Record<string, string> = {}) =>
        decide({ principal, action, resource: key, accountId: ACCOUNT, context: { "kms:CallerAccount": ACCOUNT, ...context }, identityPolicies: [], resourcePolicy: withEbs });

    it("lets the Auto Scaling service-linked role encrypt volumes and grant for AWS resources only", async () => {
        assert.strictEqual(await ebs(asg, "kms:GenerateDataKeyWithoutPlaintext"), "Allowed");
        assert.strictEqual(await ebs(asg, "kms:CreateGrant", { "kms:GrantIsForAWSResource": "true" }), "Allowed");
        assert.strictEqual(await ebs(asg, "kms:CreateGrant", { "kms:GrantIsForAWSResource": "false" }), "ImplicitlyDenied");
    });
    it("admits no other principal that way, and is off unless asked for", async () => {
        assert.strictEqual(await ebs(roles.someoneElse, "kms:GenerateDataKeyWithoutPlaintext"), "ImplicitlyDenied");
        const withoutEbs = keyPolicyDocument({ partition: "aws", region: "ap-south-1", accountId: ACCOUNT, keyUserArns: [roles.workers] });
        assert.ok(!withoutEbs.Statement.some((s) => s.Sid.startsWith("LaunchServices")));
        assert.deepStrictEqual(withEbs.Statement.filter((s) => s.Sid.startsWith("LaunchServices")).map((s) => s.Sid), ["LaunchServicesUseKeyForEbs", "LaunchServicesGrantForEbs"]);
    });
});
