/**
 * no-secrets-in-user-data: user data holds no credentials. User data is readable by anyone who can
 * call ec2:DescribeInstanceAttribute and by every process on the host through IMDS, and it is
 * stored in Pulumi state. Decodes base64 (launch templates require it; `userDataBase64`) and gzip,
 * then looks for AWS access key ids (`AKIA...`/`ASIA...`), `aws_secret_access_key` assignments,
 * PEM private keys and passwords/secrets/tokens assigned literal values (a value starting with `$`,
 * `{{` or `<` is a reference, not a literal). Instances, Spot requests, launch templates, launch
 * configurations and Spot Fleet launch specifications. User data made a Pulumi secret is judged
 * on its plaintext, as the analyzer hands it over (an export without --show-secrets cannot be
 * judged: the offline evaluator says so in an advisory).
 * Fetch secrets at boot from Secrets Manager / SSM Parameter Store through the VPC endpoints.
 *
 * Severity: critical. Enforcement: mandatory (the key patterns are exact; the password pattern
 * ignores references).
 * Anchor: CKV_AWS_46. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html
 */
import type { ResourceValidationPolicy } from "@pulumi/policy";
import * as zlib from "zlib";
import { asList, asRecord, known } from "../lib/resource-props";
import { validateTypes } from "../lib/policy-kit";

const FIELDS: Record<string, [string, string[]]> = {
    "aws:ec2/instance:Instance": ["Instance", ["userData", "userDataBase64"]],
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": ["Spot instance request", ["userData", "userDataBase64"]],
    "aws:ec2/launchTemplate:LaunchTemplate": ["Launch template", ["userData"]],
    "aws:ec2/launchConfiguration:LaunchConfiguration": ["Launch configuration", ["userData", "userDataBase64"]],
};
const SPOT_FLEET = "aws:ec2/spotFleetRequest:SpotFleetRequest";

export const SECRET_PATTERNS: readonly [string, RegExp][] = [
    ["an AWS access key id", /\b(AKIA|ASIA)[A-Z0-9]{16}\b/],
    ["an aws_secret_access_key", /aws_secret_access_key\s*[=:]\s*["']?[A-Za-z0-9/+]{20,}/i],
    ["a private key", /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/],
    ["a literal password or secret", /\b[A-Za-z_]*(password|passwd|secret|token)[A-Za-z_]*\s*[=:]\s*["']?(?![$"'<{\s])[^\s"']{4,}/i],
];

/** The user data as text: base64 and gzip undone when the value decodes cleanly. */
export function decodeUserData(value: string): string {
    const compact = value.replace(/\s+/g, "");
    if (compact.length >= 8 && compact.length % 4 === 0 && /^[A-Za-z0-9+/]+=*$/.test(compact)) {
        let bytes = Buffer.from(compact, "base64");
        if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
            try {
                bytes = zlib.gunzipSync(bytes);
            } catch {
                return value;
            }
        }
        const text = bytes.toString("utf8");
        // Accept the decoding only if it looks like text (scripts, cloud-config, MIME).
        if (!text.includes("\uFFFD") && text.split("").filter((c) => c < " " && !"\n\r\t".includes(c)).length === 0) return text;
    }
    return value;
}

/** Names of the secret kinds found in `text`. */
export function findSecrets(text: string): string[] {
    return SECRET_PATTERNS.filter(([, re]) => re.test(text)).map(([what]) => what);
}

export const noSecretsInUserData: ResourceValidationPolicy = {
    name: "no-secrets-in-user-data",
    description: "EC2 user data (decoded from base64/gzip) holds no AWS keys, private keys or literal passwords.",
    enforcementLevel: "mandatory",
    validateResource: validateTypes([...Object.keys(FIELDS), SPOT_FLEET], (args, reportViolation) => {
        const check = (label: string, field: string, value: unknown) => {
            if (typeof value !== "string" || value === "") return;
            for (const what of findSecrets(decodeUserData(value))) {
                reportViolation(`${label} '${args.name}' ${field} contains ${what}; remove it and fetch credentials at boot from Secrets Manager or SSM Parameter Store (through the VPC endpoints) with the instance role.`);
            }
        };
        const spec = FIELDS[args.type];
        if (spec) {
            for (const f of spec[1]) check(spec[0], f, known(args.props[f], [f]));
            return;
        }
        if (args.type === SPOT_FLEET) {
            asList(known(args.props.launchSpecifications, ["launchSpecifications"])).forEach((s, i) =>
                check("Spot fleet request", `launchSpecifications[${i}].userData`, known(asRecord(s)?.userData, ["launchSpecifications", String(i), "userData"])),
            );
        }
    }),
};
