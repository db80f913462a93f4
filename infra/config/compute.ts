/**
 * `spot-grid:compute`: the Spot workers.
 */
import { z } from "zod";

/** `ami-` then 8 or 17 hex digits, as EC2 issues them. */
export const AMI_ID_PATTERN = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;
const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

const range = z
    .object({ min: z.number().int().min(0), max: z.number().int().min(0).optional() })
    .strict()
    .refine((r) => r.max === undefined || r.max >= r.min, { message: "min must not exceed max" });

export const computeSchema = z
    .object({
        /** The customer's custom AMI in this region. */
        amiId: z.string().regex(AMI_ID_PATTERN, { message: "must be an AMI id like ami-0123456789abcdef0" }),
        /** Explicit diversification: each type x AZ is one Spot capacity pool. */
        instanceTypes: z
            .array(z.string().regex(INSTANCE_TYPE_PATTERN, { message: "must be an EC2 instance type like c6i.4xlarge" }))
            .min(1, { message: "must list at least one instance type (or use instanceRequirements instead)" })
            .optional(),
        /** Attribute-based diversification, instead of instanceTypes. */
        instanceRequirements: z.object({ vcpu: range, memoryMiB: range }).strict().optional(),
        capacity: z
            .object({
                min: z.number().int().min(0),
                max: z.number().int().min(0),
                desired: z.number().int().min(0).optional(),
            })
            .strict()
            .refine((c) => c.min <= c.max, { message: "min must not exceed max", path: ["min"] })
            .refine((c) => c.desired === undefined || (c.desired >= c.min && c.desired <= c.max), {
                message: "desired must lie between min and max",
                path: ["desired"],
            }),
    })
    .strict()
    .refine((c) => c.instanceTypes !== undefined || c.instanceRequirements !== undefined, {
        message: "set instanceTypes or instanceRequirements",
        path: ["instanceTypes"],
    })
    .refine((c) => !(c.instanceTypes !== undefined && c.instanceRequirements !== undefined), {
        message: "set only one of instanceTypes and instanceRequirements",
        path: ["instanceRequirements"],
    });

export type ComputeConfig = z.infer<typeof computeSchema>;
