/**
 * `spot-grid:flow`: the work flow (docs/data.md): who on-prem submits jobs, reads results and
 * publishes reference data as; who validates uploads; the queues' settings; scaling on the job
 * backlog. Every field is optional: unset principals mean no such role, the rest has defaults.
 *
 * Principals: an on-prem principal is a role or user ARN of any account (IAM validates it when the
 * trust policy is saved; one of the stack's own account is also looked up first: infra/principals.ts).
 * The validator is a role of the stack's own account (verified to exist, named in the key and bucket
 * policies).
 */
import { z } from "zod";
import { BACKLOG_PER_INSTANCE_RANGE, DEFAULT_BACKLOG_PER_INSTANCE, DEFAULT_INSTANCE_WARMUP_SECONDS, INSTANCE_WARMUP_RANGE } from "../../components/compute/backlog-scaling";
import { QUEUE_PURPOSES, QueuePurpose } from "../../components/flow/naming";
import { MAX_RECEIVE_COUNT_RANGE, MESSAGE_RETENTION_RANGE, QueueSettings, queueSettingsProblems, VISIBILITY_TIMEOUT_RANGE, DEFAULT_QUEUE_SETTINGS } from "../../components/flow/queue-settings";
import { quote } from "./messages";

/**
 * An IAM role or user ARN: `arn:<partition>:iam::<12-digit account>:role|user/<path/>name`.
 * Not an assumed-role session (`arn:aws:sts::...:assumed-role/...`), not an account root, no
 * wildcards: a trust policy names exactly one principal. Names are at most 64 characters (IAM).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
const IAM_PRINCIPAL = /^arn:(aws[a-z-]*):iam::(\d+):(role|user)\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]+)$/;

/** Why `arn` is not a usable principal ARN, or undefined. */
export function principalArnProblem(arn: string, kinds: readonly ("role" | "user")[] = ["role", "user"]): string | undefined {
    // ARNs in full (not quote()'s 60 characters): the account and name are what the user must see.
    const quote = (v: string) => JSON.stringify(v);
    if (/^arn:aws[a-z-]*:sts::\d+:assumed-role\//.test(arn)) return `${quote(arn)} is an assumed-role session; name the role itself (arn:aws:iam::<account>:role/<name>)`;
    if (arn.includes("*")) return `${quote(arn)} has a wildcard; a trust policy names exactly one principal`;
    const m = IAM_PRINCIPAL.exec(arn);
    const shape = kinds.length === 2 ? "an IAM role or user ARN like arn:aws:iam::444455556666:role/onprem-job" : "an IAM role ARN like arn:aws:iam::111122223333:role/spot-grid-validator";
    if (!m) return `${quote(arn)} is not ${shape}`;
    const [, , account, kind, , name] = m;
    if (!/^\d{12}$/.test(account)) return `${quote(arn)} has account id ${quote(account)}; an AWS account id is 12 digits`;
    if (/^0{12}$/.test(account)) return `${quote(arn)} has account id 000000000000, which is no AWS account; use the account of the on-prem identity`;
    if (!kinds.includes(kind as "role" | "user")) return `${quote(arn)} is an IAM ${kind}; give ${shape}`;
    if (name.length > 64) return `${quote(arn)} has a ${kind} name of ${name.length} characters; IAM allows at most 64`;
    return undefined;
}

/** A principal ARN field: ARN shape, account id, name length. */
export const principalArn = (kinds: readonly ("role" | "user")[] = ["role", "user"]) =>
    z.string().superRefine((arn, ctx) => {
        const problem = principalArnProblem(arn, kinds);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

const seconds = (r: { min: number; max: number }, what: string) =>
    z
        .number()
        .int({ error: (iss) => `must be a whole number of seconds; got ${quote(iss.input)}` })
        .min(r.min, { error: (iss) => `must be at least ${r.min} seconds (SQS's minimum ${what}); got ${quote(iss.input)}` })
        .max(r.max, { error: (iss) => `must be at most ${r.max} seconds (SQS's maximum ${what}); got ${quote(iss.input)}` });

const queueSchema = (purpose: QueuePurpose) => {
    const d = DEFAULT_QUEUE_SETTINGS[purpose];
    return z
        .object({
            /** Seconds a received message stays hidden from other consumers. */
            visibilityTimeoutSeconds: seconds(VISIBILITY_TIMEOUT_RANGE, "visibility timeout").default(d.visibilityTimeoutSeconds),
            /** Seconds SQS keeps a message nobody deleted (at most 7 days: the dead-letter queue keeps 14). */
            messageRetentionSeconds: seconds(MESSAGE_RETENTION_RANGE, "retention").default(d.messageRetentionSeconds),
            /** Receives before a message moves to the dead-letter queue. */
            maxReceiveCount: z
                .number()
                .int({ error: (iss) => `must be a whole number of receives; got ${quote(iss.input)}` })
                .min(MAX_RECEIVE_COUNT_RANGE.min, { error: (iss) => `must be at least ${MAX_RECEIVE_COUNT_RANGE.min}; got ${quote(iss.input)}` })
                .max(MAX_RECEIVE_COUNT_RANGE.max, { error: (iss) => `must be at most ${MAX_RECEIVE_COUNT_RANGE.max} (SQS's maximum); got ${quote(iss.input)}` })
                .default(d.maxReceiveCount),
        })
        .strict()
        .superRefine((s: QueueSettings, ctx) => {
            // The component's own rules (the 7-day retention limit), so config and code agree.
            for (const p of queueSettingsProblems(s)) ctx.addIssue({ code: "custom", path: [p.field], message: p.message });
        })
        .default({ ...d });
};

export const flowSchema = z
    .object({
        /** On-prem principal that may assume the job submitter role (SendMessage to the job queue). @default none: no role */
        jobSubmitterPrincipalArn: principalArn().optional(),
        /** On-prem principal that may assume the results reader role (results queue, processed/). @default none: no role */
        resultsReaderPrincipalArn: principalArn().optional(),
        /** On-prem principal that may assume the reference publisher role (puts under static/, in the primary). @default none: no role */
        referencePublisherPrincipalArn: principalArn().optional(),
        /** A role of the stack's account that validates uploads instead of the workers' role (verified to exist). @default the workers' role */
        validatorRoleArn: principalArn(["role"]).optional(),
        /** The intake, job and results queues (each has a dead-letter queue keeping messages 14 days). */
        queues: z
            .object(Object.fromEntries(QUEUE_PURPOSES.map((p) => [p, queueSchema(p)])) as Record<QueuePurpose, ReturnType<typeof queueSchema>>)
            .strict()
            .default(Object.fromEntries(QUEUE_PURPOSES.map((p) => [p, { ...DEFAULT_QUEUE_SETTINGS[p] }])) as Record<QueuePurpose, QueueSettings>),
        /** Scaling on the job backlog, next to the trading-session schedule. */
        scaling: z
            .object({
                /** Add workers (up to capacity.max) while jobs wait. @default true */
                onBacklog: z.boolean().default(true),
                /** Target: visible jobs per in-service worker. */
                backlogPerInstance: z
                    .number()
                    .int({ error: (iss) => `must be a whole number of jobs; got ${quote(iss.input)}` })
                    .min(BACKLOG_PER_INSTANCE_RANGE.min, { error: (iss) => `must be at least ${BACKLOG_PER_INSTANCE_RANGE.min} job per worker; got ${quote(iss.input)}` })
                    .max(BACKLOG_PER_INSTANCE_RANGE.max, { error: (iss) => `must be at most ${BACKLOG_PER_INSTANCE_RANGE.max} jobs per worker; got ${quote(iss.input)}` })
                    .default(DEFAULT_BACKLOG_PER_INSTANCE),
                /** Seconds before a new worker's metrics count. */
                instanceWarmupSeconds: z
                    .number()
                    .int({ error: (iss) => `must be a whole number of seconds; got ${quote(iss.input)}` })
                    .min(INSTANCE_WARMUP_RANGE.min, { error: (iss) => `must be at least ${INSTANCE_WARMUP_RANGE.min}; got ${quote(iss.input)}` })
                    .max(INSTANCE_WARMUP_RANGE.max, { error: (iss) => `must be at most ${INSTANCE_WARMUP_RANGE.max} seconds; got ${quote(iss.input)}` })
                    .default(DEFAULT_INSTANCE_WARMUP_SECONDS),
            })
            .strict()
            .default({ onBacklog: true, backlogPerInstance: DEFAULT_BACKLOG_PER_INSTANCE, instanceWarmupSeconds: DEFAULT_INSTANCE_WARMUP_SECONDS }),
    })
    .strict();

export type FlowConfig = z.infer<typeof flowSchema>;

/** The on-prem principals of a stack's config, by key (for `configuredPrincipalArns` and the account checks). */
export function onPremPrincipals(c: { storage: { uploaderPrincipalArn?: string }; flow: FlowConfig }): { key: string; arn: string }[] {
    return [
        { key: "spot-grid:storage.uploaderPrincipalArn", arn: c.storage.uploaderPrincipalArn },
        { key: "spot-grid:flow.jobSubmitterPrincipalArn", arn: c.flow.jobSubmitterPrincipalArn },
        { key: "spot-grid:flow.resultsReaderPrincipalArn", arn: c.flow.resultsReaderPrincipalArn },
        { key: "spot-grid:flow.referencePublisherPrincipalArn", arn: c.flow.referencePublisherPrincipalArn },
    ].filter((p): p is { key: string; arn: string } => p.arn !== undefined);
}
