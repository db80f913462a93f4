/**
 * Secret-bearing changes to a copy of a real plan export: a value a team made a Pulumi secret
 * (`pulumi.secret(...)`, a secret config value, `additionalSecretOutputs`). Each case can be
 * written three ways: not secret, as `pulumi stack export --show-secrets` writes it (plaintext),
 * or as a plain `pulumi stack export` writes it (ciphertext only).
 *
 * The real analyzer always hands policies the plaintext, so with plaintext the verdicts must be
 * those of the unwrapped value; with ciphertext only, every difference must be a "cannot be
 * judged" advisory. Each case records what the evaluator did before it unwrapped secrets as the
 * analyzer does: a false positive (a compliant value reported because it was wrapped) or a miss
 * (a violation not seen because it was wrapped).
 */
import { SECRET_SIG, SPECIAL_SIG_KEY } from "../../../policies/lib/stack-export";
import { dataBucket, dataSse, flowLogGroup, launchTemplate, PAB, workerPolicy } from "./cases";
import { StackDoc } from "./stack-doc";

export type SecretForm = "none" | "plaintext" | "ciphertext";

/** `value` as an export holds it in the given form. */
export function asSecret(value: unknown, form: SecretForm): unknown {
    if (form === "none") return value;
    const text = JSON.stringify(value);
    return form === "plaintext"
        ? { [SPECIAL_SIG_KEY]: SECRET_SIG, plaintext: text }
        : { [SPECIAL_SIG_KEY]: SECRET_SIG, ciphertext: `v1:${Buffer.from(`not-really-encrypted:${text}`).toString("base64")}` };
}

export interface SecretTarget {
    /** The resource holding the secret. */
    readonly urn: string;
    /** Where the case's policy reports (the bucket, for a stack policy about its PAB or SSE). */
    readonly judgedOn: string;
    /** Property paths made secret, as the advisory names them (`.a.b`). */
    readonly paths: string[];
}

export interface SecretCase {
    readonly id: string;
    /** What the team made secret. */
    readonly change: string;
    /** The policy this case is about. */
    readonly policy: string;
    /** Its verdict on `judgedOn` once the plaintext is judged. */
    readonly expect: "clean" | "mandatory";
    /** What the evaluator got wrong while it judged around secret envelopes. */
    readonly was: "false positive" | "miss" | "right";
    readonly stack?: string;
    readonly apply: (d: StackDoc, form: SecretForm) => SecretTarget;
}

type Props = Record<string, unknown>;
const PAB_FLAGS = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const SECRET_CASES: SecretCase[] = [
    {
        id: "public-access-block-flags-secret",
        change: "makes the data bucket's four public access block flags secrets",
        policy: "s3-no-public-access",
        expect: "clean",
        was: "false positive",
        apply: (d, form) => {
            const pab = d.edit(d.linkedTo(PAB, "bucket", dataBucket(d)), (p) => PAB_FLAGS.forEach((f) => (p[f] = asSecret(p[f], form))));
            return { urn: pab.urn, judgedOn: pab.urn, paths: PAB_FLAGS.map((f) => `.${f}`) };
        },
    },
    {
        id: "public-access-block-flags-secret-stack",
        change: "makes the data bucket's public access block flags secrets (the stack policy's view)",
        policy: "s3-no-public-access-present",
        expect: "clean",
        was: "false positive",
        apply: (d, form) => {
            const pab = d.edit(d.linkedTo(PAB, "bucket", dataBucket(d)), (p) => PAB_FLAGS.forEach((f) => (p[f] = asSecret(p[f], form))));
            return { urn: pab.urn, judgedOn: dataBucket(d).urn, paths: PAB_FLAGS.map((f) => `.${f}`) };
        },
    },
    {
        id: "iam-document-secret",
        change: "makes the worker role's inline policy document a secret",
        policy: "iam-no-wildcard-actions",
        expect: "clean",
        was: "false positive",
        apply: (d, form) => {
            const policy = d.edit(workerPolicy(d), (p) => (p.policy = asSecret(p.policy, form)));
            return { urn: policy.urn, judgedOn: policy.urn, paths: [".policy"] };
        },
    },
    {
        id: "sse-bucket-link-secret",
        change: "makes the bucket name in the data bucket's default-encryption configuration a secret",
        policy: "s3-bucket-kms-encryption-present",
        expect: "clean",
        was: "false positive",
        apply: (d, form) => {
            const bucket = dataBucket(d);
            const sse = d.edit(dataSse(d), (p) => (p.bucket = asSecret(p.bucket, form)));
            return { urn: sse.urn, judgedOn: bucket.urn, paths: [".bucket"] };
        },
    },
    {
        id: "log-group-aws-managed-key-secret",
        change: "sets the flow-log group's kmsKeyId to a secret naming alias/aws/logs",
        policy: "logs-encrypted",
        expect: "mandatory",
        was: "miss",
        apply: (d, form) => {
            const group = d.edit(flowLogGroup(d), (p) => (p.kmsKeyId = asSecret("alias/aws/logs", form)));
            return { urn: group.urn, judgedOn: group.urn, paths: [".kmsKeyId"] };
        },
    },
    {
        id: "log-group-customer-key-secret",
        change: "makes the flow-log group's customer-managed kmsKeyId a secret",
        policy: "logs-encrypted",
        expect: "clean",
        was: "right",
        apply: (d, form) => {
            const group = d.edit(flowLogGroup(d), (p) => (p.kmsKeyId = asSecret(p.kmsKeyId, form)));
            return { urn: group.urn, judgedOn: group.urn, paths: [".kmsKeyId"] };
        },
    },
    {
        id: "user-data-password-secret",
        change: "adds a literal database password to the launch template's base64 user data and makes the user data a secret",
        policy: "no-secrets-in-user-data",
        expect: "mandatory",
        was: "miss",
        apply: (d, form) => {
            const lt = d.edit(launchTemplate(d), (p: Props) => {
                const script = typeof p.userData === "string" ? Buffer.from(p.userData, "base64").toString("utf8") : "#!/bin/bash\nset -eu\n/opt/grid/start.sh";
                p.userData = asSecret(Buffer.from(`${script}\nexport DB_PASSWORD=Hunter2Hunter2\n`).toString("base64"), form);
            });
            return { urn: lt.urn, judgedOn: lt.urn, paths: [".userData"] };
        },
    },
];
