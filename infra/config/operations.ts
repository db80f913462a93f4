/**
 * `spot-grid:operations`: who every alarm of the stack reaches (the operations topic's
 * subscriptions) and how long a capacity shortfall may last before it alarms.
 */
import { z } from "zod";
import { DEFAULT_CAPACITY_ALARM_MINUTES, validateCapacityAlarmMinutes } from "../../components/compute/capacity-alarm-settings";
import { SUBSCRIPTION_PROTOCOLS, subscriptionKey, subscriptionProblem } from "../../components/operations/subscriptions";

const subscription = z
    .object({
        protocol: z.enum(SUBSCRIPTION_PROTOCOLS, { error: (iss) => `${JSON.stringify(iss.input)} is not a protocol; use ${SUBSCRIPTION_PROTOCOLS.join(", ")}` }),
        endpoint: z.string(),
    })
    .strict()
    .superRefine((s, ctx) => {
        const problem = subscriptionProblem(s);
        if (problem) ctx.addIssue({ code: "custom", path: ["endpoint"], message: problem.replace(/^endpoint /, "") });
    });

export const operationsSchema = z
    .object({
        /** Email addresses, https endpoints, or existing SQS queue / Lambda function ARNs. @default none (the plan warns) */
        subscriptions: z
            .array(subscription)
            .superRefine((list, ctx) => {
                const seen = new Set<string>();
                list.forEach((s, i) => {
                    const k = subscriptionKey(s);
                    if (seen.has(k)) ctx.addIssue({ code: "custom", path: [i], message: `repeats ${s.protocol} ${s.endpoint}; list each once` });
                    seen.add(k);
                });
            })
            .default([]),
        /** Minutes below the desired Spot capacity before the capacity alarm fires (multiple of 5). */
        capacityAlarmMinutes: z
            .number()
            .refine((n) => validateCapacityAlarmMinutes(n) === undefined, { message: "must be a whole number of minutes, a multiple of 5, from 5 to 1440" })
            .default(DEFAULT_CAPACITY_ALARM_MINUTES),
    })
    .strict();

export type OperationsConfig = z.infer<typeof operationsSchema>;
