/**
 * Trading-session scaling: scale the workers up before the market opens and back down after it
 * closes, in the market's own time zone, so daylight-saving changes (New York) never shift the
 * session. Both engines use the same plan: Auto Scaling scheduled actions take Unix cron with a
 * `TimeZone`, Application Auto Scaling (Spot Fleet) takes `cron(...)` with a `Timezone`.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html
 * https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html
 *
 * Pure: no Pulumi.
 */

/**
 * Properties the scheduled actions change on the Auto Scaling group during a session: Pulumi
 * ignores them on update (a deploy mid-session keeps the session's floor) and drift detection
 * does not report them (tools/drift/classify.ts). A changed capacity.min takes effect at the next
 * session close, which sets minSize back to it.
 */
export const SCHEDULE_OWNED_GROUP_PROPERTIES = ["desiredCapacity", "minSize"] as const;
/** The same for Spot Fleet's Application Auto Scaling target (its bounds are what the schedule moves). */
export const SCHEDULE_OWNED_TARGET_PROPERTIES = ["minCapacity", "maxCapacity"] as const;

/** Day names as both cron dialects accept them. */
export const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A trading session: when to scale up and down, on which days, in which IANA time zone. */
export interface TradingSession {
    /** IANA time zone of the market, e.g. `Asia/Kolkata`, `America/New_York`. */
    readonly timeZone: string;
    /** Local time to scale up (`HH:MM`, 24 h), usually a little before the open. */
    readonly scaleUp: string;
    /** Local time to scale back down (`HH:MM`, 24 h), after the close. */
    readonly scaleDown: string;
    /** Trading days. */
    readonly days: readonly Weekday[];
    /** Instances to run during the session. */
    readonly desired: number;
}

/** Capacity outside the session and the group's hard limits. */
export interface CapacityBounds {
    readonly min: number;
    readonly max: number;
    /** Instances outside the session; defaults to `min`. */
    readonly offHours?: number;
}

/** One scheduled action, engine-neutral. */
export interface ScheduledScaling {
    /** Stable key, part of resource names: `session-open` or `session-close`. */
    readonly key: "session-open" | "session-close";
    readonly hour: number;
    readonly minute: number;
    readonly days: readonly Weekday[];
    readonly timeZone: string;
    readonly minSize: number;
    readonly maxSize: number;
    /**
     * Capacity to set, or `undefined` when a scaling policy owns the desired capacity (backlog
     * scaling): the action then moves only the floor and the ceiling.
     */
    readonly desired: number | undefined;
}

/**
 * What the provider sends for "do not change" on an Auto Scaling scheduled action. Leaving
 * `desiredCapacity` out is NOT that: the provider defaults it to 0 ("Set to -1 if you don't want to
 * change the desired capacity at the scheduled time. Defaults to 0": @pulumi/aws
 * autoscaling.Schedule, from terraform-provider-aws aws_autoscaling_schedule), which would empty
 * the group at every session change.
 */
export const UNCHANGED_CAPACITY = -1;

/** Known market sessions by region prefix, used when a stack sets no schedule. */
export interface MarketDefaults {
    readonly timeZone: string;
    readonly scaleUp: string;
    readonly scaleDown: string;
    readonly days: readonly Weekday[];
}

const WEEKDAYS_MON_FRI: readonly Weekday[] = ["MON", "TUE", "WED", "THU", "FRI"];

/**
 * NSE/BSE trade 09:15-15:30 IST; NYSE/Nasdaq 09:30-16:00 ET. Workers come up 30 minutes early
 * (AMI boot + warm caches) and stay 30 minutes after the close for end-of-day runs.
 */
const MARKETS: readonly { prefix: string; defaults: MarketDefaults }[] = [
    { prefix: "ap-south-", defaults: { timeZone: "Asia/Kolkata", scaleUp: "08:45", scaleDown: "16:00", days: WEEKDAYS_MON_FRI } },
    { prefix: "us-east-", defaults: { timeZone: "America/New_York", scaleUp: "09:00", scaleDown: "16:30", days: WEEKDAYS_MON_FRI } },
];

/** The market session for a region, or undefined when we know no market there. */
export function marketDefaults(region: string): MarketDefaults | undefined {
    return MARKETS.find((m) => region.startsWith(m.prefix))?.defaults;
}

let zones: Set<string> | undefined;

/** True for an IANA time zone name Node's ICU knows (plus `UTC`/`Etc/UTC`). */
export function isIanaTimeZone(name: string): boolean {
    zones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC", "Etc/UTC"]);
    if (zones.has(name)) return true;
    // Canonical names only are listed; accept Area/Location aliases ICU resolves (Asia/Calcutta),
    // but not abbreviations ICU also takes (IST is India, Israel or Ireland depending on whom you ask).
    if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(name)) return false;
    try {
        new Intl.DateTimeFormat("en-US", { timeZone: name });
        return true;
    } catch {
        return false;
    }
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `HH:MM` as hour and minute, or undefined. */
export function parseHhMm(text: string): { hour: number; minute: number } | undefined {
    const m = HHMM.exec(text);
    return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

/**
 * Checks a session against the bounds.
 * @throws naming the input, the value and what is allowed.
 */
export function validateTradingSession(s: TradingSession, bounds: CapacityBounds): void {
    if (!isIanaTimeZone(s.timeZone)) {
        throw new Error(`SpotFleet: schedule.timeZone ${JSON.stringify(s.timeZone)} is not an IANA time zone; use a name like Asia/Kolkata or America/New_York`);
    }
    const up = parseHhMm(s.scaleUp);
    const down = parseHhMm(s.scaleDown);
    if (!up) throw new Error(`SpotFleet: schedule.scaleUp ${JSON.stringify(s.scaleUp)} is not a 24-hour HH:MM time like 08:45`);
    if (!down) throw new Error(`SpotFleet: schedule.scaleDown ${JSON.stringify(s.scaleDown)} is not a 24-hour HH:MM time like 16:00`);
    if (up.hour * 60 + up.minute >= down.hour * 60 + down.minute) {
        throw new Error(`SpotFleet: schedule.scaleUp ${s.scaleUp} is not before scaleDown ${s.scaleDown}; a session must open and close on the same local day`);
    }
    if (s.days.length === 0) throw new Error("SpotFleet: schedule.days is empty; list the trading days, e.g. [MON, TUE, WED, THU, FRI]");
    for (const d of s.days) {
        if (!(WEEKDAYS as readonly string[]).includes(d)) {
            throw new Error(`SpotFleet: schedule.days contains ${JSON.stringify(d)}; use ${WEEKDAYS.join(", ")}`);
        }
    }
    if (!Number.isInteger(s.desired) || s.desired < bounds.min || s.desired > bounds.max) {
        throw new Error(`SpotFleet: schedule.desired ${s.desired} must be an integer between capacity min ${bounds.min} and max ${bounds.max}`);
    }
    const off = bounds.offHours ?? bounds.min;
    if (off < bounds.min || off > bounds.max) {
        throw new Error(`SpotFleet: off-hours capacity ${off} must lie between capacity min ${bounds.min} and max ${bounds.max}`);
    }
}

/**
 * The two scheduled actions of a session: open (scale to `desired`) and close (back to off-hours).
 *
 * With `desiredFromPolicy` (a target-tracking policy scales on the job backlog), the schedule sets
 * the floor only: the open raises minSize to the session's `desired` (Auto Scaling raises a lower
 * desired capacity to a new minimum, and no scaling policy may go below it), the close lowers it
 * back to `min`. Neither sets the desired capacity, so the schedule never undoes what the backlog
 * needs above the floor, and the backlog policy scales in after the close as the queue drains.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-capacity-limits.html
 * https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_UpdateAutoScalingGroup.html
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html
 */
export function planTradingSchedule(s: TradingSession, bounds: CapacityBounds, opts: { desiredFromPolicy?: boolean } = {}): ScheduledScaling[] {
    validateTradingSession(s, bounds);
    const up = parseHhMm(s.scaleUp)!;
    const down = parseHhMm(s.scaleDown)!;
    const days = sortDays(s.days);
    const off = bounds.offHours ?? bounds.min;
    const policy = opts.desiredFromPolicy ?? false;
    return [
        // Raising minSize with desired keeps dynamic scale-in from undoing the session.
        { key: "session-open", ...up, days, timeZone: s.timeZone, minSize: s.desired, maxSize: bounds.max, desired: policy ? undefined : s.desired },
        { key: "session-close", ...down, days, timeZone: s.timeZone, minSize: bounds.min, maxSize: bounds.max, desired: policy ? undefined : off },
    ];
}

function sortDays(days: readonly Weekday[]): Weekday[] {
    return [...new Set(days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
}

/** Day list in cron form: consecutive runs collapse to ranges (`MON-FRI`, `MON-WED,FRI`). */
export function cronDays(days: readonly Weekday[]): string {
    const idx = sortDays(days).map((d) => WEEKDAYS.indexOf(d));
    if (idx.length === 7) return "*";
    const parts: string[] = [];
    for (let i = 0; i < idx.length; ) {
        let j = i;
        while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
        parts.push(j - i >= 2 ? `${WEEKDAYS[idx[i]]}-${WEEKDAYS[idx[j]]}` : idx.slice(i, j + 1).map((k) => WEEKDAYS[k]).join(","));
        i = j + 1;
    }
    return parts.join(",");
}

/** Auto Scaling `Recurrence`: Unix cron, five fields (`45 8 * * MON-FRI`). */
export function autoScalingRecurrence(a: ScheduledScaling): string {
    return `${a.minute} ${a.hour} * * ${cronDays(a.days)}`;
}

/** Application Auto Scaling `Schedule`: `cron(45 8 ? * MON-FRI *)` (six fields, `?` for day-of-month). */
export function applicationAutoScalingSchedule(a: ScheduledScaling): string {
    return `cron(${a.minute} ${a.hour} ? * ${cronDays(a.days)} *)`;
}
