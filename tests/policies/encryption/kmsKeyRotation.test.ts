import * as assert from "assert";
import { kmsKeyRotation } from "../../../policies/encryption/kmsKeyRotation";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";

const ROOT = { Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" };
const doc = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: [ROOT, ...statements] });
const key = (props: Record<string, unknown> = {}) => ({ type: "aws:kms/key:Key", name: "data-key", props: { enableKeyRotation: true, policy: doc(), ...props } });
const keyPolicy = (policy: unknown) => ({ type: "aws:kms/keyPolicy:KeyPolicy", name: "data-key-policy", props: { keyId: "k", policy } });
const PUBLIC = { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: ["kms:Decrypt"], Resource: "*" };

describe("encryption/kms-key-rotation", () => {
    it("passes a rotating symmetric key with an account-scoped policy, and a key with no policy", async () => {
        assertNoViolations(await runResourcePolicy(kmsKeyRotation, key()));
        assertNoViolations(await runResourcePolicy(kmsKeyRotation, key({ policy: undefined })));
    });
    it("fires on a symmetric key without rotation (explicit false or absent)", async () => {
        assertHasViolation(await runResourcePolicy(kmsKeyRotation, key({ enableKeyRotation: false })), /'data-key'.*enableKeyRotation: true/);
        assertHasViolation(await runResourcePolicy(kmsKeyRotation, key({ enableKeyRotation: undefined })), /enableKeyRotation: true/);
    });
    it("does not require rotation for asymmetric, HMAC or external-store keys", async () => {
        assertNoViolations(await runResourcePolicy(kmsKeyRotation, key({ enableKeyRotation: false, keySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" })));
        assertNoViolations(await runResourcePolicy(kmsKeyRotation, key({ enableKeyRotation: false, keySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" })));
        assertNoViolations(await runResourcePolicy(kmsKeyRotation, key({ enableKeyRotation: false, customKeyStoreId: "cks-1" })));
    });
    it("fires on Principal \"*\" without a condition, in a Key and in a KeyPolicy", async () => {
        assertHasViolation(await runResourcePolicy(kmsKeyRotation, key({ policy: doc(PUBLIC) })), /Statement\[1\] \(Everyone\) allows Principal "\*" with no restricting condition/);
        assertHasViolation(await runResourcePolicy(kmsKeyRotation, keyPolicy(JSON.parse(doc(PUBLIC)))), /'data-key-policy'.*Principal "\*"/);
    });
    it("passes Principal \"*\" restricted by kms:CallerAccount or aws:PrincipalOrgID", async () => {
        const scoped = { ...PUBLIC, Condition: { StringEquals: { "kms:CallerAccount": "111122223333", "kms:ViaService": "s3.ap-south-1.amazonaws.com" } } };
        assertNoViolations(await runResourcePolicy(kmsKeyRotation, key({ policy: doc(scoped) })));
        const org = { ...PUBLIC, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } };
        assertNoViolations(await runResourcePolicy(kmsKeyRotation, keyPolicy(doc(org))));
    });
    it("fires when the only condition is a wildcard", async () => {
        const wild = { ...PUBLIC, Condition: { StringLike: { "kms:CallerAccount": "*" } } };
        assertHasViolation(await runResourcePolicy(kmsKeyRotation, key({ policy: doc(wild) })), /Principal "\*"/);
    });
    it("passes a Deny to Principal \"*\" (it only narrows)", async () => {
        assertNoViolations(await runResourcePolicy(kmsKeyRotation, key({ policy: doc({ ...PUBLIC, Effect: "Deny" }) })));
    });
    it("reports an unparseable policy; raises UnknownValueError for an unknown one", async () => {
        assertHasViolation(await runResourcePolicy(kmsKeyRotation, keyPolicy("{")), /cannot be judged/);
        await assert.rejects(runResourcePolicy(kmsKeyRotation, keyPolicy(UNKNOWN)), UnknownValueError);
    });
});
