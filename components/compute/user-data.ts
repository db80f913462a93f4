/**
 * User data is readable by anyone who can describe the launch template or reach the instance
 * metadata service, and it is kept in plans and state: it must never carry credentials. Workers
 * get AWS access from their instance role and secrets at boot from Parameter Store under
 * `/spot-grid/<stack>/` (components/compute/policy-documents.ts).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/user-data.html (CKV_AWS_46)
 *
 * Pure: no Pulumi.
 */

/** EC2's limit on raw user data (before base64). */
export const MAX_USER_DATA_BYTES = 16 * 1024;

/** Patterns that are credentials in any script; each names what it found. */
const SECRET_PATTERNS: readonly { what: string; re: RegExp }[] = [
    { what: "an AWS access key id", re: /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/ },
    { what: "an AWS secret access key", re: /aws_secret_access_key\s*[=:]\s*\S+/i },
    { what: "an AWS session token", re: /aws_session_token\s*[=:]\s*\S+/i },
    { what: "a private key", re: /-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/ },
    { what: "a GitHub token", re: /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{22,}\b/ },
    { what: "a Slack token", re: /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/ },
    { what: "credentials in a URL", re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i },
    {
        what: "a password, secret or token assignment",
        // `PASSWORD=hunter2`, `export DB_SECRET="..."`, `api_key: abc`; not `PASSWORD=$(aws ssm ...)`
        // or `${...}` references, which fetch the value at boot instead of embedding it.
        re: /\b[A-Za-z0-9_]*(password|passwd|secret|api[_-]?key|token)[A-Za-z0-9_]*\s*[=:]\s*(?!["']?\$)["']?[^\s"'$][^\s"']{3,}/i,
    },
];

/** What a script contains that looks like a credential, or undefined when it looks clean. */
export function findSecretInUserData(script: string): string | undefined {
    for (const { what, re } of SECRET_PATTERNS) {
        const m = re.exec(script);
        if (m) {
            const line = script.slice(0, m.index).split("\n").length;
            return `${what} on line ${line}`;
        }
    }
    return undefined;
}

/**
 * Checks user data before it goes into a launch template.
 * @throws naming what was found and where, and what to do instead.
 */
export function validateUserData(script: string): void {
    const bytes = Buffer.byteLength(script, "utf8");
    if (bytes > MAX_USER_DATA_BYTES) {
        throw new Error(`SpotFleet: userData is ${bytes} bytes; EC2 allows ${MAX_USER_DATA_BYTES}. Move the script into the AMI or fetch it from S3 at boot`);
    }
    const found = findSecretInUserData(script);
    if (found) {
        throw new Error(
            `SpotFleet: userData contains ${found}; never put credentials in user data. Use the instance role, and read secrets at boot from SSM Parameter Store under /spot-grid/<stack>/ (the only parameters the role may read)`,
        );
    }
}

/** Launch templates take user data base64-encoded. */
export function encodeUserData(script: string): string {
    return Buffer.from(script, "utf8").toString("base64");
}
