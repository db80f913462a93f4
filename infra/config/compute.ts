/**
 * `spot-grid:compute`: the Spot workers (see docs/compute.md).
 *
 * Every mistake is reported by `parseStackConfig` as one line: `<file>: spot-grid:compute.<path>:
 * <what is wrong and how to fix it>`. Region-dependent defaults (the trading session of the
 * region's market) are resolved by {@link resolveTradingSession}.
 */
import { z } from "zod";
import { at, ConfigError } from "./errors";
import type { AmiSource } from "../../components/compute/ami";
import { LOG_RETENTION_DAYS } from "../../components/lib/log-retention";
import { isIanaTimeZone, marketDefaults, parseHhMm, TradingSession, Weekday, WEEKDAYS } from "../../components/compute/schedule";
import { findSecretInUserData, MAX_USER_DATA_BYTES } from "../../components/compute/user-data";

/** `ami-` then 8 or 17 hex digits, as EC2 issues them. */
export const AMI_ID_PATTERN = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;
const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;
const OWNER_PATTERN = /^(\d{12}|self|amazon|aws-marketplace)$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

export const DEFAULT_ENGINE = "autoscaling";
export const DEFAULT_DATA_VOLUME_GIB = 100;
export const DEFAULT_INTERRUPTION_LOG_RETENTION_DAYS = 365;

const amiId = (what: string) =>
    z.string().regex(AMI_ID_PATTERN, { error: (iss) => `must be ${what} like ami-0123456789abcdef0 (ami- and 8 or 17 hex digits); got ${JSON.stringify(iss.input)}` });

const range = (unit: string) =>
    z
        .object({ min: z.number().int().min(0), max: z.number().int().min(0).optional() })
        .strict()
        .superRefine((r, ctx) => {
            if (r.max !== undefined && r.max < r.min) {
                ctx.addIssue({ code: "custom", path: ["min"], message: `min must not exceed max (${r.min} > ${r.max} ${unit}); lower min or raise max` });
            }
        });

const hhmm = (example: string) =>
    z.string().refine((s) => parseHhMm(s) !== undefined, { error: (iss) => `${JSON.stringify(iss.input)} is not a 24-hour HH:MM time; write it like "${example}"` });

const scheduleSchema = z
    .object({
        /** IANA time zone of the market. @default Asia/Kolkata (ap-south-*), America/New_York (us-east-*) */
        timeZone: z
            .string()
            .refine(isIanaTimeZone, { error: (iss) => `${JSON.stringify(iss.input)} is not an IANA time zone; use a name like Asia/Kolkata or America/New_York` })
            .optional(),
        /** Local time to scale up (before the open). */
        scaleUp: hhmm("08:45").optional(),
        /** Local time to scale down (after the close). */
        scaleDown: hhmm("16:00").optional(),
        /** Trading days. @default [MON, TUE, WED, THU, FRI] */
        days: z
            .array(z.enum(WEEKDAYS, { error: (iss) => `${JSON.stringify(iss.input)} is not a day; use ${WEEKDAYS.join(", ")}` }))
            .min(1, { message: "lists no days; list the trading days, e.g. [MON, TUE, WED, THU, FRI]" })
            .optional(),
        /** Workers during the session. */
        desired: z.number().int().min(0),
    })
    .strict();

export const computeSchema = z
    .object({
        /** `autoscaling` (default) or `spot-fleet` (AWS calls Spot Fleet legacy). */
        engine: z
            .enum(["autoscaling", "spot-fleet"], { error: (iss) => `${JSON.stringify(iss.input)} is not an engine; use autoscaling (recommended) or spot-fleet` })
            .default(DEFAULT_ENGINE),
        /** The customer's custom AMI in this region. One of amiId, amiLookup, amiCopy. */
        amiId: amiId("an AMI id").optional(),
        /** Newest AMI by name, from pinned owners. */
        amiLookup: z
            .object({
                name: z.string().refine((s) => s.trim() !== "", { message: "is empty; give the AMI name or a pattern like trading-worker-*" }),
                owners: z
                    .array(z.string().regex(OWNER_PATTERN, { error: (iss) => `${JSON.stringify(iss.input)} is not an owner; use a 12-digit account id, self, amazon or aws-marketplace` }))
                    .min(1, { message: "is empty; pin the account ids that publish the AMI (anyone can publish an AMI with any name)" }),
            })
            .strict()
            .optional(),
        /** Encrypted copy (with this region's key) of the primary region's golden AMI. */
        amiCopy: z
            .object({
                sourceAmiId: amiId("an AMI id"),
                sourceRegion: z.string().regex(REGION_PATTERN, { error: (iss) => `${JSON.stringify(iss.input)} is not a region code; use e.g. ap-south-1` }),
            })
            .strict()
            .optional(),
        /** Root device of an AMI given by id (`/dev/sda1` for Ubuntu). @default /dev/xvda */
        rootDeviceName: z.string().regex(/^\/dev\/[a-z0-9]+$/, { message: "must be a device name like /dev/xvda or /dev/sda1" }).optional(),
        /** Root volume GiB. @default the AMI's size */
        rootVolumeGiB: z.number().int().min(1).max(16384).optional(),
        /** Data volume GiB (gp3, encrypted), 0 for none. @default 100 */
        dataVolumeGiB: z.number().int().min(0, { message: "must be 0 (no data volume) or more" }).max(16384, { message: "must be at most 16384 (gp3's maximum)" }).default(DEFAULT_DATA_VOLUME_GIB),
        /** Explicit diversification: each type x AZ is one Spot capacity pool. */
        instanceTypes: z
            .array(z.string().regex(INSTANCE_TYPE_PATTERN, { error: (iss) => `${JSON.stringify(iss.input)} is not an EC2 instance type; write it like c6i.4xlarge` }))
            .min(1, { message: "must list at least one instance type (e.g. [c6i.4xlarge, c6a.4xlarge]) or use instanceRequirements instead" })
            .optional(),
        /** Attribute-based diversification, instead of instanceTypes. */
        instanceRequirements: z.object({ vcpu: range("vCPUs"), memoryMiB: range("MiB") }).strict().optional(),
        capacity: z
            .object({
                min: z.number().int().min(0),
                max: z.number().int().min(0),
                /** Workers outside the trading session. @default min */
                desired: z.number().int().min(0).optional(),
            })
            .strict()
            .superRefine((c, ctx) => {
                if (c.min > c.max) ctx.addIssue({ code: "custom", path: ["min"], message: `min must not exceed max (${c.min} > ${c.max}); lower min or raise max` });
                else if (c.desired !== undefined && (c.desired < c.min || c.desired > c.max)) {
                    ctx.addIssue({ code: "custom", path: ["desired"], message: `${c.desired} is outside min ${c.min} .. max ${c.max}; pick a value in that range` });
                }
            }),
        /** On-Demand workers under the Spot capacity. @default 0 */
        onDemandBase: z.number().int().min(0).default(0),
        /** Scale for the trading session (hours in the market's time zone). */
        schedule: scheduleSchema.optional(),
        /** Boot script; never credentials. */
        userData: z
            .string()
            .refine((s) => Buffer.byteLength(s, "utf8") <= MAX_USER_DATA_BYTES, { message: `is larger than EC2's ${MAX_USER_DATA_BYTES} bytes; bake the logic into the AMI` })
            .superRefine((s, ctx) => {
                const found = findSecretInUserData(s);
                if (found) ctx.addIssue({ code: "custom", message: `contains ${found}; remove it and read secrets at boot from SSM Parameter Store under /spot-grid/<stack>/ with the instance role` });
            })
            .optional(),
        /** Days to keep Spot interruption events. @default 365 */
        interruptionLogRetentionDays: z
            .number()
            .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
                error: (iss) => `${JSON.stringify(iss.input)} is not a CloudWatch Logs retention; use one of ${LOG_RETENTION_DAYS.join(", ")}`,
            })
            .default(DEFAULT_INTERRUPTION_LOG_RETENTION_DAYS),
    })
    .strict()
    .superRefine((c, ctx) => {
        const sources = (["amiId", "amiLookup", "amiCopy"] as const).filter((k) => c[k] !== undefined);
        if (sources.length !== 1) {
            ctx.addIssue({
                code: "custom",
                path: [sources[1] ?? "amiId"],
                message: sources.length === 0 ? "missing; set amiId (or amiLookup / amiCopy)" : `set only one of amiId, amiLookup and amiCopy (found ${sources.join(" and ")})`,
            });
        }
        if (c.instanceTypes === undefined && c.instanceRequirements === undefined) {
            ctx.addIssue({ code: "custom", path: ["instanceTypes"], message: "missing: set instanceTypes or instanceRequirements (e.g. instanceTypes: [c6i.4xlarge, c6a.4xlarge])" });
        } else if (c.instanceTypes !== undefined && c.instanceRequirements !== undefined) {
            ctx.addIssue({ code: "custom", path: ["instanceRequirements"], message: "set only one of instanceTypes and instanceRequirements" });
        }
        if (c.onDemandBase > c.capacity.max) {
            ctx.addIssue({ code: "custom", path: ["onDemandBase"], message: `${c.onDemandBase} exceeds capacity.max ${c.capacity.max}; lower it` });
        }
        if (c.schedule) {
            const { desired } = c.schedule;
            if (desired < c.capacity.min || desired > c.capacity.max) {
                ctx.addIssue({ code: "custom", path: ["schedule", "desired"], message: `${desired} is outside capacity min ${c.capacity.min} .. max ${c.capacity.max}; pick a value in that range` });
            }
            const up = c.schedule.scaleUp && parseHhMm(c.schedule.scaleUp);
            const down = c.schedule.scaleDown && parseHhMm(c.schedule.scaleDown);
            if (up && down && up.hour * 60 + up.minute >= down.hour * 60 + down.minute) {
                ctx.addIssue({ code: "custom", path: ["schedule", "scaleUp"], message: `${c.schedule.scaleUp} is not before scaleDown ${c.schedule.scaleDown}; the session must open and close on the same local day` });
            }
        }
    });

export type ComputeConfig = z.infer<typeof computeSchema>;

/**
 * The stack's trading session with the region's market defaults filled in, or undefined when
 * the stack sets no schedule.
 * @returns an error message (for `<file>: spot-grid:compute.schedule...`) instead when a field has
 * no value and the region has no known market.
 */
export function resolveTradingSession(region: string, compute: ComputeConfig): { session?: TradingSession; error?: { path: string[]; message: string } } {
    const s = compute.schedule;
    if (!s) return {};
    const market = marketDefaults(region);
    const timeZone = s.timeZone ?? market?.timeZone;
    const scaleUp = s.scaleUp ?? market?.scaleUp;
    const scaleDown = s.scaleDown ?? market?.scaleDown;
    const days: readonly Weekday[] = s.days ?? market?.days ?? ["MON", "TUE", "WED", "THU", "FRI"];
    for (const [key, value] of [["timeZone", timeZone], ["scaleUp", scaleUp], ["scaleDown", scaleDown]] as const) {
        if (value === undefined) {
            return { error: { path: ["schedule", key], message: `missing and ${region} has no default market session; set it (e.g. timeZone: Europe/London, scaleUp: "07:30", scaleDown: "17:00")` } };
        }
    }
    const session = { timeZone: timeZone!, scaleUp: scaleUp!, scaleDown: scaleDown!, days, desired: s.desired };
    const up = parseHhMm(session.scaleUp)!;
    const down = parseHhMm(session.scaleDown)!;
    if (up.hour * 60 + up.minute >= down.hour * 60 + down.minute) {
        return { error: { path: ["schedule", "scaleUp"], message: `${session.scaleUp} is not before scaleDown ${session.scaleDown} (with ${region}'s defaults); set both` } };
    }
    return { session };
}

/**
 * {@link resolveTradingSession} for the program and the stack-set checks.
 * @throws ConfigError `<file>: spot-grid:compute.schedule.<key>: <fix>`.
 */
export function tradingSessionFor(file: string, region: string, compute: ComputeConfig): TradingSession | undefined {
    const { session, error } = resolveTradingSession(region, compute);
    if (error) throw new ConfigError(`${at(file, "spot-grid:compute", error.path)}: ${error.message}`);
    return session;
}

/** The SpotFleet settings a stack's compute config decides (components/grid RegionalComputeArgs). */
export interface ComputeSettings {
    readonly engine: ComputeConfig["engine"];
    readonly ami: AmiSource;
    readonly rootDeviceName?: string;
    readonly rootVolumeGiB?: number;
    readonly dataVolumeGiB: number;
    readonly instanceTypes?: readonly string[];
    readonly instanceRequirements?: ComputeConfig["instanceRequirements"];
    readonly capacity: ComputeConfig["capacity"];
    readonly onDemandBaseCapacity: number;
    readonly schedule?: TradingSession;
    readonly userData?: string;
    readonly interruptionLogRetentionDays: number;
}

/**
 * Maps validated compute config to component settings (AMI source, region-default session).
 * @throws ConfigError as {@link tradingSessionFor}.
 */
export function computeSettings(file: string, region: string, c: ComputeConfig): ComputeSettings {
    const ami: AmiSource = c.amiLookup
        ? { kind: "lookup", namePattern: c.amiLookup.name, owners: c.amiLookup.owners }
        : c.amiCopy
          ? { kind: "copy", sourceAmiId: c.amiCopy.sourceAmiId, sourceRegion: c.amiCopy.sourceRegion }
          : { kind: "id", amiId: c.amiId! };
    return {
        engine: c.engine,
        ami,
        rootDeviceName: c.rootDeviceName,
        rootVolumeGiB: c.rootVolumeGiB,
        dataVolumeGiB: c.dataVolumeGiB,
        ...(c.instanceTypes ? { instanceTypes: c.instanceTypes } : { instanceRequirements: c.instanceRequirements }),
        capacity: c.capacity,
        onDemandBaseCapacity: c.onDemandBase,
        schedule: tradingSessionFor(file, region, c),
        userData: c.userData,
        interruptionLogRetentionDays: c.interruptionLogRetentionDays,
    };
}
