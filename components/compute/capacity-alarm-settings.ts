/**
 * The capacity alarm's settings (./capacity-alarm), apart from the resources: config validation
 * (infra/config/operations) checks them before any stack runs, without loading the Pulumi SDK.
 */

/** Fifteen minutes below desired: longer than a normal launch (boot, warm-up), shorter than a session's opening hour. */
export const DEFAULT_CAPACITY_ALARM_MINUTES = 15;

export function validateCapacityAlarmMinutes(minutes: number): string | undefined {
    return Number.isInteger(minutes) && minutes >= 5 && minutes % 5 === 0 && minutes <= 1440
        ? undefined
        : `capacityAlarmMinutes ${minutes} must be a whole number of minutes, a multiple of 5, from 5 to 1440`;
}
