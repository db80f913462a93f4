import type { ResourceValidationPolicy } from "@pulumi/policy";
import { hasRestrictingCondition, isAllow, principalIsPublic } from "../lib/iam-document";
import { judgeableDocument, resourceLabel, validateTypes } from "../lib/policy-kit";
import { known, prop } from "../lib/resource-props";

export const KMS_KEY_TYPES = ["aws:kms/key:Key", "aws:kms/keyPolicy:KeyPolicy", "aws:kms/replicaKey:ReplicaKey"] as const;

/** Only symmetric encryption keys with AWS-held key material support automatic rotation. */
function rotationSupported(props: Record<string, unknown>): boolean {
    const spec = prop(props, "keySpec") ?? prop(props, "customerMasterKeySpec") ?? "SYMMETRIC_DEFAULT";
    const usage = prop(props, "keyUsage") ?? "ENCRYPT_DECRYPT";
    return spec === "SYMMETRIC_DEFAULT" && usage === "ENCRYPT_DECRYPT" && !prop(props, "customKeyStoreId") && !prop(props, "xksKeyId");
}

/**
 * Symmetric customer-managed KMS keys rotate their key material (`enableKeyRotation`), and key
 * policies (inline on `kms.Key`/`kms.ReplicaKey` or a `kms.KeyPolicy`) grant nothing to
 * `Principal: "*"` unless a condition ties it to our accounts, organization or endpoints.
 *
 * Severity: high. CKV_AWS_7, CKV_AWS_33.
 * @see https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 */
export const kmsKeyRotation: ResourceValidationPolicy = {
    name: "kms-key-rotation",
    description: "Symmetric KMS keys have rotation enabled; key policies grant nothing to Principal \"*\" without a restricting condition.",
    enforcementLevel: "mandatory",
    severity: "high",
    validateResource: validateTypes(KMS_KEY_TYPES, (args, report) => {
        const say = (p: string) => report(`${resourceLabel(args)} ${p}.`);
        if (args.type === "aws:kms/key:Key" && rotationSupported(args.props) && known(args.props.enableKeyRotation, ["enableKeyRotation"]) !== true) {
            say("must rotate its key material: set enableKeyRotation: true (optionally rotationPeriodInDays)");
        }
        const doc = judgeableDocument(known(args.props.policy, ["policy"]), ["policy"], (p) => say(`must have a judgeable key policy: ${p}`));
        for (const [i, s] of (doc?.Statement ?? []).entries()) {
            if (isAllow(s) && principalIsPublic(s) && !hasRestrictingCondition(s)) {
                say(
                    `must not grant its key to everyone: policy Statement[${i}]${s.Sid ? ` (${s.Sid})` : ""} allows Principal "*" with no restricting condition; name the principals or add a condition such as kms:CallerAccount or aws:PrincipalOrgID`,
                );
            }
        }
    }),
};
