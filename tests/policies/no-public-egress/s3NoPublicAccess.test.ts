import { s3NoPublicAccess } from "../../../policies/no-public-egress/s3NoPublicAccess";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { bucketName, res, T, withProp } from "./fixtures";

describe("s3-no-public-access", () => {
    const pab = res(T.pab, "data-pab", { bucket: bucketName, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    const acl = res(T.aclV2, "data-acl", { bucket: bucketName, acl: "private" });
    const vpceOnly = {
        Version: "2012-10-17",
        Statement: [
            { Sid: "DenyInsecure", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [`arn:aws:s3:::${bucketName}`, `arn:aws:s3:::${bucketName}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } },
            { Sid: "OnPremUploads", Effect: "Allow", Principal: "*", Action: "s3:PutObject", Resource: `arn:aws:s3:::${bucketName}/raw/*`, Condition: { StringEquals: { "aws:SourceVpce": "vpce-0a1b2c3d" } } },
            { Sid: "Workers", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/workers" }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucketName}/*` },
        ],
    };
    const policy = res(T.bucketPolicy, "data-policy", { bucket: bucketName, policy: JSON.stringify(vpceOnly) });
    const publicStatement = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `arn:aws:s3:::${bucketName}/*` };

    it("stays quiet on a public access block with all four flags", async () => assertNoViolations(await runResourcePolicy(s3NoPublicAccess, pab)));
    it("stays quiet on a private ACL", async () => assertNoViolations(await runResourcePolicy(s3NoPublicAccess, acl)));
    it("stays quiet on a bucket policy whose Principal \"*\" is restricted by aws:SourceVpce", async () => assertNoViolations(await runResourcePolicy(s3NoPublicAccess, policy)));
    it("stays quiet on the same policy given as an object", async () => assertNoViolations(await runResourcePolicy(s3NoPublicAccess, withProp(policy, ["policy"], vpceOnly))));
    it("stays quiet on a plain bucket", async () => assertNoViolations(await runResourcePolicy(s3NoPublicAccess, res(T.bucket, "data", { bucket: bucketName }))));

    for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
        it(`fires when ${flag} is false`, async () => assertHasViolation(await runResourcePolicy(s3NoPublicAccess, withProp(pab, [flag], false)), new RegExp(`'data-pab' does not set ${flag}`)));
    }
    it("fires when a flag is missing (AWS default false)", async () => assertHasViolation(await runResourcePolicy(s3NoPublicAccess, withProp(pab, ["restrictPublicBuckets"], undefined)), /restrictPublicBuckets/));
    it("fires on an account-wide block with a flag off", async () =>
        assertHasViolation(await runResourcePolicy(s3NoPublicAccess, res(T.accountPab, "account", { ...pab.props, blockPublicPolicy: false })), /blockPublicPolicy/));
    for (const canned of ["public-read", "public-read-write", "authenticated-read"]) {
        it(`fires on BucketAclV2 acl ${canned}`, async () => assertHasViolation(await runResourcePolicy(s3NoPublicAccess, withProp(acl, ["acl"], canned)), new RegExp(`public canned ACL '${canned}'`)));
    }
    it("fires on BucketAcl (non-V2) public-read", async () => assertHasViolation(await runResourcePolicy(s3NoPublicAccess, res(T.acl, "a", { bucket: bucketName, acl: "public-read" })), /public canned ACL/));
    it("fires on a grant to AllUsers", async () =>
        assertHasViolation(
            await runResourcePolicy(s3NoPublicAccess, res(T.aclV2, "a", { bucket: bucketName, accessControlPolicy: { owner: { id: "abc" }, grants: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }] } })),
            /grants access to the AllUsers group/,
        ));
    it("fires on an inline bucket grant to AuthenticatedUsers", async () =>
        assertHasViolation(await runResourcePolicy(s3NoPublicAccess, res(T.bucket, "b", { grants: [{ type: "Group", permissions: ["READ"], uri: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" }] })), /AuthenticatedUsers/));
    it("fires on an inline public acl on BucketV2", async () => assertHasViolation(await runResourcePolicy(s3NoPublicAccess, res(T.bucketV2, "b", { acl: "public-read" })), /'b' uses the public canned ACL/));
    it("fires on a BucketPolicy Allow to Principal \"*\" without a condition", async () =>
        assertHasViolation(await runResourcePolicy(s3NoPublicAccess, withProp(policy, ["policy"], JSON.stringify({ Version: "2012-10-17", Statement: [publicStatement] }))), /Statement\[0\] allows Principal "\*"/));
    it("fires on Principal {AWS: \"*\"} with only an IfExists condition", async () =>
        assertHasViolation(
            await runResourcePolicy(s3NoPublicAccess, withProp(policy, ["policy"], { Statement: { ...publicStatement, Principal: { AWS: "*" }, Condition: { StringEqualsIfExists: { "aws:SourceVpce": "vpce-1" } } } })),
            /allows Principal/,
        ));
    it("fires on an inline bucket policy to Principal \"*\"", async () =>
        assertHasViolation(await runResourcePolicy(s3NoPublicAccess, res(T.bucket, "b", { policy: JSON.stringify({ Statement: [publicStatement] }) })), /Bucket policy of 'b'/));
    it("reports a malformed bucket policy rather than crashing", async () =>
        assertHasViolation(await runResourcePolicy(s3NoPublicAccess, withProp(policy, ["policy"], "{not json")), /cannot be judged: not valid JSON/));
});
