/**
 * `spot-grid:storage`: the data buckets and where they replicate.
 */
import { z } from "zod";

export const STACK_NAME_PATTERN = /^[a-z][a-z0-9-]{0,30}$/;

export const storageSchema = z
    .object({
        /** Peer stack names whose data buckets receive this stack's replicas (deployed before this one). */
        replicateTo: z
            .array(z.string().regex(STACK_NAME_PATTERN, { message: "must be a stack name like hyderabad" }))
            .default([]),
    })
    .strict();

export type StorageConfig = z.infer<typeof storageSchema>;
