import * as assert from "assert";
import {
    conditionValues,
    hasRestrictingCondition,
    NormalizedStatement,
    parsePolicyDocument,
    principalIsPublic,
} from "../../../policies/lib/iam-document";
import { UNKNOWN } from "../../../policies/lib/resource-props";

function statementOf(raw: object): NormalizedStatement {
    const parsed = parsePolicyDocument({ Version: "2012-10-17", Statement: raw });
    assert.ok(parsed.ok, parsed.ok ? "" : parsed.reason);
    return parsed.document.Statement[0];
}

describe("policies/lib/iam-document", () => {
    describe("parsePolicyDocument", () => {
        it("normalizes a JSON string and an object to the same document", () => {
            const doc = { Version: "2012-10-17", Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" } };
            const fromString = parsePolicyDocument(JSON.stringify(doc));
            const fromObject = parsePolicyDocument(doc);
            assert.deepStrictEqual(fromString, fromObject);
            assert.ok(fromObject.ok);
            assert.deepStrictEqual(fromObject.document.Statement, [
                { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"], Condition: {} },
            ]);
        });

        it("keeps NotAction, NotResource and NotPrincipal apart from their positive forms", () => {
            const s = statementOf({ Effect: "Deny", NotAction: "iam:*", NotResource: ["arn:aws:iam::1:role/x"], NotPrincipal: { AWS: "arn:aws:iam::1:root" } });
            assert.deepStrictEqual(s.NotAction, ["iam:*"]);
            assert.deepStrictEqual(s.NotResource, ["arn:aws:iam::1:role/x"]);
            assert.deepStrictEqual(s.NotPrincipal, { AWS: ["arn:aws:iam::1:root"] });
            assert.strictEqual(s.Action, undefined);
            assert.strictEqual(s.Resource, undefined);
        });

        it("normalizes Principal \"*\" to {AWS: [\"*\"]} and maps to arrays", () => {
            assert.deepStrictEqual(statementOf({ Effect: "Allow", Action: "s3:*", Principal: "*" }).Principal, { AWS: ["*"] });
            assert.deepStrictEqual(statementOf({ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }).Principal, {
                Service: ["ec2.amazonaws.com"],
            });
        });

        it("turns condition values (booleans, numbers, lists) into string arrays", () => {
            const s = statementOf({ Effect: "Deny", Action: "s3:*", Condition: { Bool: { "aws:SecureTransport": false }, NumericLessThan: { "s3:TlsVersion": 1.2 } } });
            assert.deepStrictEqual(s.Condition, { Bool: { "aws:SecureTransport": ["false"] }, NumericLessThan: { "s3:TlsVersion": ["1.2"] } });
            assert.deepStrictEqual(conditionValues(s, "bool", "AWS:SECURETRANSPORT"), ["false"]);
        });

        const bad: [string, unknown, string][] = [
            ["not JSON", "{nope", "invalid"],
            ["not an object", "[1,2]", "invalid"],
            ["no Statement", { Version: "2012-10-17" }, "invalid"],
            ["bad Effect", { Statement: { Effect: "Maybe", Action: "s3:*" } }, "invalid"],
            ["no Action", { Statement: { Effect: "Allow", Resource: "*" } }, "invalid"],
            ["Principal as a bare ARN", { Statement: { Effect: "Allow", Action: "s3:*", Principal: "arn:aws:iam::1:root" } }, "invalid"],
            ["unknown during preview", UNKNOWN, "unknown"],
            ["unknown inside an object", { Statement: [{ Effect: "Allow", Action: "s3:*", Resource: UNKNOWN }] }, "unknown"],
            ["missing", undefined, "missing"],
        ];
        for (const [what, input, kind] of bad) {
            it(`reports ${what} as ${kind} without throwing`, () => {
                const parsed = parsePolicyDocument(input);
                assert.strictEqual(parsed.ok, false);
                if (!parsed.ok) {
                    assert.strictEqual(parsed.kind, kind);
                    assert.ok(parsed.reason.length > 0);
                }
            });
        }
    });

    describe("principalIsPublic", () => {
        it("is true for \"*\", {AWS: \"*\"}, any kind with \"*\" and NotPrincipal", () => {
            assert.ok(principalIsPublic(statementOf({ Effect: "Allow", Action: "s3:*", Principal: "*" })));
            assert.ok(principalIsPublic(statementOf({ Effect: "Allow", Action: "s3:*", Principal: { AWS: "*" } })));
            assert.ok(principalIsPublic(statementOf({ Effect: "Allow", Action: "s3:*", Principal: { AWS: ["arn:aws:iam::1:root", "*"] } })));
            assert.ok(principalIsPublic(statementOf({ Effect: "Allow", Action: "s3:*", NotPrincipal: { AWS: "arn:aws:iam::1:root" } })));
        });
        it("is false for named principals and identity policies", () => {
            assert.ok(!principalIsPublic(statementOf({ Effect: "Allow", Action: "s3:*", Principal: { AWS: "arn:aws:iam::111122223333:root" } })));
            assert.ok(!principalIsPublic(statementOf({ Effect: "Allow", Action: "s3:*", Principal: { Service: "ec2.amazonaws.com" } })));
            assert.ok(!principalIsPublic(statementOf({ Effect: "Allow", Action: "s3:*", Resource: "*" })));
        });
    });

    describe("hasRestrictingCondition", () => {
        const withCondition = (Condition: object) => statementOf({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Condition });
        it("accepts concrete VPC endpoint, VPC, account, org and source ARN conditions (keys case-insensitive)", () => {
            assert.ok(hasRestrictingCondition(withCondition({ StringEquals: { "aws:SourceVpce": "vpce-0123" } })));
            assert.ok(hasRestrictingCondition(withCondition({ StringEquals: { "aws:sourcevpc": ["vpc-1", "vpc-2"] } })));
            assert.ok(hasRestrictingCondition(withCondition({ StringEquals: { "aws:PrincipalOrgID": "o-abc123" } })));
            assert.ok(hasRestrictingCondition(withCondition({ StringEquals: { "aws:SourceAccount": "111122223333" } })));
            assert.ok(hasRestrictingCondition(withCondition({ StringEquals: { "aws:PrincipalAccount": "111122223333" } })));
            assert.ok(hasRestrictingCondition(withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:s3:::my-bucket" } })));
            assert.ok(hasRestrictingCondition(withCondition({ StringEquals: { "kms:CallerAccount": "111122223333" } })));
        });
        it("rejects wildcards, IfExists, negative operators and unrelated keys", () => {
            assert.ok(!hasRestrictingCondition(withCondition({})));
            assert.ok(!hasRestrictingCondition(withCondition({ StringLike: { "aws:SourceVpce": "*" } })));
            assert.ok(!hasRestrictingCondition(withCondition({ StringEqualsIfExists: { "aws:SourceVpce": "vpce-0123" } })));
            assert.ok(!hasRestrictingCondition(withCondition({ StringNotEquals: { "aws:SourceVpce": "vpce-0123" } })));
            assert.ok(!hasRestrictingCondition(withCondition({ "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abc" } })));
            assert.ok(!hasRestrictingCondition(withCondition({ Bool: { "aws:SecureTransport": "true" } })));
            assert.ok(!hasRestrictingCondition(withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:sns:*:*:topic" } })));
            assert.ok(!hasRestrictingCondition(withCondition({ StringLike: { "aws:SourceAccount": ["111122223333", "*"] } })));
        });
        it("accepts extra keys a caller names", () => {
            const s = withCondition({ StringEquals: { "s3:DataAccessPointAccount": "111122223333" } });
            assert.ok(!hasRestrictingCondition(s));
            assert.ok(hasRestrictingCondition(s, ["s3:DataAccessPointAccount"]));
        });
    });
});
