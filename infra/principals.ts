/**
 * The principals a stack receives as config (or from its caller), each verified to exist before
 * any policy names it: nothing trusts a name that anyone allowed iam:CreateRole could create later
 * (docs/identity.md).
 *
 * - Roles of the stack's account (operators, break-glass) are looked up with iam:GetRole
 *   (aws.iam.getRole) at every preview and deploy: a missing role fails the run before any policy
 *   is written, and the ARN policies use is the one IAM returns (with the role's path).
 * - The deployer defaults to the caller's own role: STS reports an assumed-role session
 *   (`arn:aws:sts::<account>:assumed-role/<role>/<session>`), which names the role; the lookup
 *   returns its IAM ARN. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 * - Principals of other accounts (the on-prem uploader) appear only as `Principal` elements of
 *   trust policies, which IAM itself validates when the policy is saved (a missing principal is
 *   refused). https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 *
 * Every ARN received this way is listed in the stack output `configuredPrincipalArns`, which the
 * least-privilege pack's `iam-trust-known-principals` policy reads.
 */
import * as aws from "../components/lib/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "./config";
import { onPremPrincipals } from "./config/flow";

/** The role a caller ARN stands for, by name, or undefined (root, a federated user, a service). */
export function callerRoleName(callerArn: string): string | undefined {
    const session = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([\w+=,.@-]+)\/[^/]+$/.exec(callerArn);
    if (session) return session[1];
    const role = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(callerArn);
    return role?.[1];
}

/** The role name of a role ARN (the part after the last `/` of its path). */
export function roleNameOf(arn: string): string {
    return arn.slice(arn.lastIndexOf("/") + 1);
}

/**
 * A config mistake found at deploy time, as pulumi.RunError (the CLI prints its message alone).
 * Every resource input that awaits the failed value prefixes `error serializing property "x": `
 * to the same error object (@pulumi/pulumi runtime/rpc.js), once per consumer; the message is
 * kept as written so the user reads the one line that names the key and the fix.
 */
export function oneLineRunError(message: string): pulumi.RunError {
    const e = new pulumi.RunError(message);
    Object.defineProperty(e, "message", { get: () => message, set: () => undefined, enumerable: false, configurable: true });
    return e;
}

/** Looks a role up by its ARN; fails the run with one line when it does not exist or its path differs. */
export function verifiedRole(key: string, arn: string, provider: aws.Provider): pulumi.Output<string> {
    return aws.iam.getRoleOutput({ name: roleNameOf(arn) }, { provider }).arn.apply((found) => {
        if (found !== arn) throw oneLineRunError(`${key}: ${arn} names no existing role (IAM has ${found}); create the role first or correct the ARN`);
        return found;
    });
}

/**
 * A role of the deploying account, checked against that account before it is looked up: the key
 * and bucket policies admit only their own account's roles, and the account is known only at
 * deploy time, so this is the one rule config validation cannot run. One line naming the key.
 */
export function verifiedAccountRole(key: string, arn: string, accountId: pulumi.Input<string>, provider: aws.Provider, why: string, orElse: string): pulumi.Output<string> {
    return pulumi.output(accountId).apply((account) => {
        const roleAccount = arn.split(":")[4];
        if (roleAccount !== account) {
            throw oneLineRunError(
                `${key}: ${arn} is in account ${roleAccount}, but the stack deploys to account ${account}; name a role in ${account} (${why}), or ${orElse}`,
            );
        }
        return verifiedRole(key, arn, provider);
    });
}

/** The break-glass role (spot-grid:storage.breakGlassRoleArn), verified as {@link verifiedAccountRole}. */
export function verifiedBreakGlassRole(config: StackConfig, arn: string, accountId: pulumi.Input<string>, provider: aws.Provider): pulumi.Output<string> {
    const key = `${config.file}: spot-grid:storage.breakGlassRoleArn`;
    return verifiedAccountRole(key, arn, accountId, provider, "the region key grants only its own account's roles", "leave it unset for no break-glass role");
}

/**
 * The validator role (`spot-grid:flow.validatorRoleArn`): like break-glass, a role of the deploying
 * account (the key and bucket policies name it), looked up before any policy names it.
 */
export function verifiedValidatorRole(config: StackConfig, arn: string, accountId: pulumi.Input<string>, provider: aws.Provider): pulumi.Output<string> {
    const key = `${config.file}: spot-grid:flow.validatorRoleArn`;
    return verifiedAccountRole(key, arn, accountId, provider, "the keys grant only their own account's roles", "leave it unset for the workers' role");
}

/**
 * An on-prem principal (uploader, job submitter, results reader, reference publisher): used only
 * as the Principal of a trust policy, which IAM validates when it is saved. One of the deploying
 * account, when it is a role, is also looked up first (docs/identity.md, "Trust" checklist).
 */
export function verifiedOnPremPrincipal(config: StackConfig, key: string, arn: string, accountId: pulumi.Input<string>, provider: aws.Provider): pulumi.Output<string> {
    return pulumi.output(accountId).apply((account) => (arn.split(":")[4] === account && /:role\//.test(arn) ? verifiedRole(`${config.file}: ${key}`, arn, provider) : pulumi.output(arn)));
}

export interface StackPrincipals {
    /** Deployer, preview, drift (those that are set). */
    readonly operatorArns: pulumi.Output<string[]>;
    readonly deployerRoleArn?: pulumi.Output<string>;
    readonly breakGlassRoleArn?: pulumi.Output<string>;
    /** Reads the log archive (spot-grid:audit.auditorRoleArn). */
    readonly auditorRoleArn?: pulumi.Output<string>;
    /** `spot-grid:flow.validatorRoleArn`, verified. @default none (the workers' role validates) */
    readonly validatorRoleArn?: pulumi.Output<string>;
    /** On-prem principals by config key (`spot-grid:flow.jobSubmitterPrincipalArn`, ...), checked. */
    readonly onPrem: Readonly<Record<string, pulumi.Output<string>>>;
    /** Every principal received from config or the caller, for the `configuredPrincipalArns` output. */
    readonly configuredPrincipalArns: pulumi.Output<string[]>;
}

export function stackPrincipals(config: StackConfig, provider: aws.Provider): StackPrincipals {
    const o = config.operators;
    const at = (k: string) => `${config.file}: spot-grid:operators.${k}`;
    let deployer: pulumi.Output<string> | undefined;
    if (o.deployerRoleArn) {
        deployer = verifiedRole(at("deployerRoleArn"), o.deployerRoleArn, provider);
    } else {
        const caller = aws.getCallerIdentityOutput({}, { provider }).arn;
        const name = caller.apply((arn) => {
            const n = callerRoleName(arn);
            if (!n) throw new Error(`${at("deployerRoleArn")}: not set, and the caller ${arn} is not a role; deploy with a role or set deployerRoleArn`);
            return n;
        });
        deployer = aws.iam.getRoleOutput({ name }, { provider }).arn;
    }
    const others = [
        o.previewRoleArn ? verifiedRole(at("previewRoleArn"), o.previewRoleArn, provider) : undefined,
        o.driftRoleArn ? verifiedRole(at("driftRoleArn"), o.driftRoleArn, provider) : undefined,
    ].filter((x): x is pulumi.Output<string> => x !== undefined);
    const accountId = aws.getCallerIdentityOutput({}, { provider }).accountId;
    const breakGlass = config.storage.breakGlassRoleArn ? verifiedBreakGlassRole(config, config.storage.breakGlassRoleArn, accountId, provider) : undefined;
    const auditor = config.audit.auditorRoleArn
        ? verifiedAccountRole(`${config.file}: spot-grid:audit.auditorRoleArn`, config.audit.auditorRoleArn, accountId, provider, "the archive key grants only its own account's roles", "leave it unset and nobody reads the archive")
        : undefined;
    const validator = config.flow.validatorRoleArn ? verifiedValidatorRole(config, config.flow.validatorRoleArn, accountId, provider) : undefined;
    const onPrem = Object.fromEntries(onPremPrincipals(config).map((p) => [p.key, verifiedOnPremPrincipal(config, p.key, p.arn, accountId, provider)]));
    const operatorArns = pulumi.all([deployer, ...others]).apply((arns) => [...new Set(arns)].sort());
    const singles: pulumi.Input<string>[] = [breakGlass ?? "", auditor ?? "", validator ?? "", ...Object.values(onPrem)];
    const configured = pulumi
        .all([operatorArns, pulumi.all(singles)])
        .apply(([ops, rest]) => [...new Set([...ops, ...rest].filter((a) => a !== ""))].sort());
    return { operatorArns, deployerRoleArn: deployer, breakGlassRoleArn: breakGlass, auditorRoleArn: auditor, validatorRoleArn: validator, onPrem, configuredPrincipalArns: configured };
}
