import * as assert from "assert";
import * as fc from "fast-check";
import {
    applicationAutoScalingSchedule,
    autoScalingRecurrence,
    cronDays,
    isIanaTimeZone,
    marketDefaults,
    planTradingSchedule,
    validateTradingSession,
    WEEKDAYS,
    Weekday,
} from "../../../components/compute/schedule";

const mumbai = { timeZone: "Asia/Kolkata", scaleUp: "08:45", scaleDown: "16:00", days: ["MON", "TUE", "WED", "THU", "FRI"] as Weekday[], desired: 120 };

describe("components/compute/schedule", () => {
    it("plans open and close in the market's time zone", () => {
        const [open, close] = planTradingSchedule(mumbai, { min: 0, max: 200 });
        assert.strictEqual(open.key, "session-open");
        assert.strictEqual(autoScalingRecurrence(open), "45 8 * * MON-FRI");
        assert.strictEqual(open.timeZone, "Asia/Kolkata");
        assert.deepStrictEqual([open.minSize, open.desired, open.maxSize], [120, 120, 200]);
        assert.strictEqual(close.key, "session-close");
        assert.strictEqual(autoScalingRecurrence(close), "0 16 * * MON-FRI");
        assert.deepStrictEqual([close.minSize, close.desired, close.maxSize], [0, 0, 200]);
    });

    it("closes to the off-hours capacity when given", () => {
        const [, close] = planTradingSchedule(mumbai, { min: 2, max: 200, offHours: 5 });
        assert.deepStrictEqual([close.minSize, close.desired], [2, 5]);
    });

    it("renders Application Auto Scaling cron for Spot Fleet", () => {
        const [open, close] = planTradingSchedule({ ...mumbai, timeZone: "America/New_York", scaleUp: "09:00", scaleDown: "16:30" }, { min: 0, max: 150 });
        assert.strictEqual(applicationAutoScalingSchedule(open), "cron(0 9 ? * MON-FRI *)");
        assert.strictEqual(applicationAutoScalingSchedule(close), "cron(30 16 ? * MON-FRI *)");
    });

    it("collapses day runs", () => {
        assert.strictEqual(cronDays(["FRI", "MON", "TUE", "WED"]), "MON-WED,FRI");
        assert.strictEqual(cronDays(["MON", "TUE"]), "MON,TUE");
        assert.strictEqual(cronDays([...WEEKDAYS]), "*");
        assert.strictEqual(cronDays(["SUN", "THU"]), "SUN,THU");
    });

    it("cronDays lists exactly the chosen days (property)", () => {
        fc.assert(
            fc.property(fc.subarray([...WEEKDAYS], { minLength: 1 }), (days) => {
                const text = cronDays(days);
                if (text === "*") return days.length === 7;
                const expanded = text.split(",").flatMap((part) => {
                    const [a, b] = part.split("-");
                    const i = WEEKDAYS.indexOf(a as Weekday);
                    const j = b ? WEEKDAYS.indexOf(b as Weekday) : i;
                    return WEEKDAYS.slice(i, j + 1);
                });
                return expanded.length === days.length && days.every((d) => expanded.includes(d));
            }),
        );
    });

    it("knows the markets of our regions", () => {
        assert.strictEqual(marketDefaults("ap-south-1")?.timeZone, "Asia/Kolkata");
        assert.strictEqual(marketDefaults("ap-south-2")?.timeZone, "Asia/Kolkata");
        assert.strictEqual(marketDefaults("us-east-2")?.timeZone, "America/New_York");
        assert.strictEqual(marketDefaults("eu-west-1"), undefined);
    });

    it("validates IANA names with ICU", () => {
        for (const tz of ["Asia/Kolkata", "America/New_York", "UTC", "Europe/London", "Asia/Calcutta"]) assert.ok(isIanaTimeZone(tz), tz);
        for (const tz of ["Asia/Mumbai", "IST", "EST5", "America/NewYork", "", "Asia/Kolkata "]) assert.ok(!isIanaTimeZone(tz), tz);
    });

    describe("errors name the input, value and fix", () => {
        const bounds = { min: 0, max: 200 };
        const cases: [string, object, RegExp][] = [
            ["unknown zone", { timeZone: "Asia/Mumbai" }, /schedule.timeZone "Asia\/Mumbai" is not an IANA time zone; use a name like Asia\/Kolkata/],
            ["bad time", { scaleUp: "8:45" }, /schedule.scaleUp "8:45" is not a 24-hour HH:MM time/],
            ["25:00", { scaleDown: "25:00" }, /schedule.scaleDown "25:00"/],
            ["inverted", { scaleUp: "17:00" }, /scaleUp 17:00 is not before scaleDown 16:00/],
            ["no days", { days: [] }, /schedule.days is empty/],
            ["bad day", { days: ["MONDAY"] }, /schedule.days contains "MONDAY"/],
            ["desired > max", { desired: 201 }, /schedule.desired 201 must be an integer between capacity min 0 and max 200/],
        ];
        for (const [what, change, re] of cases) {
            it(what, () => assert.throws(() => validateTradingSession({ ...mumbai, ...change } as never, bounds), re));
        }
        it("accepts the Mumbai session", () => assert.doesNotThrow(() => validateTradingSession(mumbai, bounds)));
    });
});
