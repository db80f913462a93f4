import * as assert from "assert";
import { AMI_COPY_ACTIONS, ebsKeyPolicyDocument, ebsLaunchServiceRoleArns, KEY_ADMIN_ACTIONS, keyPolicyDocument, validateKeyPolicyArgs } from "../../../components/keys/key-policy";
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
        for (const s of mumbaiKeyPolicy.Statement) for (const a of [s.Action ?? []].flat()) assert.ok(!a.includes("*"), a);
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

describe("key policy: replicas from another region are admitted by what they do, not by naming a role", () => {
    const replica = keyPolicyDocument({ partition: "aws", region: "ap-south-2", accountId: ACCOUNT, keyUserArns: [roles.workers], replicaBucketArn: "arn:aws:s3:::spot-grid-hyderabad-data-ap-south-2-111122223333" });
    const viaS3Here = { "kms:ViaService": "s3.ap-south-2.amazonaws.com", "kms:CallerAccount": ACCOUNT, "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::spot-grid-hyderabad-data-ap-south-2-111122223333" };
    const call = (action: string, context: Record<string, string>) =>
        decide({ principal: roles.replication, action, resource: "arn:aws:kms:ap-south-2:111122223333:key/2222bbbb-2222-4222-8222-222222222222", accountId: ACCOUNT, context, identityPolicies: [anyKms], resourcePolicy: replica });

    it("names no replication role", () => {
        assert.ok(!JSON.stringify(replica).includes("spot-grid-replication-"));
    });
    it("lets a role of the account with its own IAM allow encrypt replicas through S3, for this bucket only", async () => {
        assert.strictEqual(await call("kms:Encrypt", viaS3Here), "Allowed");
        assert.strictEqual(await call("kms:Encrypt", { ...viaS3Here, "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::some-other-bucket" }), "ImplicitlyDenied");
        assert.strictEqual(await call("kms:Encrypt", { ...viaS3Here, "kms:ViaService": "ec2.ap-south-2.amazonaws.com" }), "ImplicitlyDenied");
        assert.strictEqual(await call("kms:Decrypt", viaS3Here), "ImplicitlyDenied", "writing replicas never reads data");
    });
});

describe("EBS key policy: the workers' volumes and AMI copies, through EC2 only", () => {
    const ebsKey = "arn:aws:kms:ap-south-1:111122223333:key/4444dddd-4444-4444-8444-444444444444";
    const copier = `arn:aws:iam::${ACCOUNT}:role/spot-grid-deployer`;
    const policy = ebsKeyPolicyDocument({ partition: "aws", region: "ap-south-1", accountId: ACCOUNT, amiCopyRoleArns: [copier] });
    const asg = ebsLaunchServiceRoleArns({ partition: "aws", accountId: ACCOUNT })[0];
    const viaEc2 = { "kms:ViaService": "ec2.ap-south-1.amazonaws.com", "kms:CallerAccount": ACCOUNT };
    const ebs = (principal: string, action: string, context: Record<string, string> = viaEc2, identity: PolicyDocument[] = []) =>
        decide({ principal, action, resource: ebsKey, accountId: ACCOUNT, context, identityPolicies: identity, resourcePolicy: policy });

    it("lets the Auto Scaling service-linked role encrypt volumes through EC2, and grant for AWS resources only", async () => {
        assert.strictEqual(await ebs(asg, "kms:GenerateDataKeyWithoutPlaintext"), "Allowed");
        assert.strictEqual(await ebs(asg, "kms:GenerateDataKeyWithoutPlaintext", { "kms:CallerAccount": ACCOUNT }), "ImplicitlyDenied", "not outside EC2");
        assert.strictEqual(await ebs(asg, "kms:GenerateDataKeyWithoutPlaintext", { ...viaEc2, "kms:ViaService": "s3.ap-south-1.amazonaws.com" }), "ImplicitlyDenied");
        assert.strictEqual(await ebs(asg, "kms:CreateGrant", { ...viaEc2, "kms:GrantIsForAWSResource": "true" }), "Allowed");
        assert.strictEqual(await ebs(asg, "kms:CreateGrant", { ...viaEc2, "kms:GrantIsForAWSResource": "false" }), "ImplicitlyDenied");
    });
    it("lets the deployer do what CopyImage with encryption needs, through EC2 only (with its own IAM allow)", async () => {
        for (const action of AMI_COPY_ACTIONS) assert.strictEqual(await ebs(copier, action, viaEc2, [anyKms, { Version: "2012-10-17", Statement: [{ Sid: "More", Effect: "Allow", Action: [...AMI_COPY_ACTIONS], Resource: "*" }] }]), "Allowed", action);
        assert.strictEqual(await ebs(copier, "kms:CreateGrant", { ...viaEc2, "kms:GrantIsForAWSResource": "true" }, [anyKms]), "Allowed");
        assert.strictEqual(await ebs(copier, "kms:CreateGrant", { ...viaEc2, "kms:GrantIsForAWSResource": "false" }, [anyKms]), "ImplicitlyDenied");
        assert.strictEqual(await ebs(copier, "kms:Decrypt", { "kms:CallerAccount": ACCOUNT }, [anyKms]), "ImplicitlyDenied", "not outside EC2");
    });
    it("admits nobody else, and no copier unless one is given", async () => {
        assert.strictEqual(await ebs(roles.someoneElse, "kms:GenerateDataKeyWithoutPlaintext", viaEc2, [anyKms, { Version: "2012-10-17", Statement: [{ Sid: "More", Effect: "Allow", Action: [...AMI_COPY_ACTIONS], Resource: "*" }] }]), "ImplicitlyDenied");
        const noCopy = ebsKeyPolicyDocument({ partition: "aws", region: "ap-south-1", accountId: ACCOUNT });
        assert.deepStrictEqual(noCopy.Statement.map((s) => s.Sid), ["AccountAdministersKey", "LaunchServicesUseKeyForEbs", "LaunchServicesGrantForEbs"]);
    });
    it("rejects a copier that is not a role of the account", () => {
        assert.throws(() => ebsKeyPolicyDocument({ partition: "aws", region: "ap-south-1", accountId: ACCOUNT, amiCopyRoleArns: ["arn:aws:iam::444455556666:role/x"] }), /amiCopyRoleArns\[0\].*another account/);
    });
});
