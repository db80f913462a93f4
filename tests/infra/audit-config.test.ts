/**
 * `spot-grid:audit`: documented defaults, one audit home per stack set, every mistake one line
 * naming the file and key, and the one-line warnings of an audit left unattended. Pure: no plan.
 */
import * as assert from "assert";
import * as path from "path";
import { ConfigError, loadStackSet, parseStackConfig, stackWarnings, validateStackSet } from "../../infra/config";
import { auditArgs } from "../../infra/audit";
import { base } from "./config-cases";

const ROOT = path.resolve(__dirname, "..", "..");
const AUDITOR = "arn:aws:iam::111122223333:role/spot-grid-auditor";

function withAudit(audit: Record<string, unknown>, stack = "mumbai", over: Record<string, unknown> = {}) {
    return parseStackConfig(stack, { ...base(), ...over, "spot-grid:audit": audit });
}

const MISTAKES: [string, Record<string, unknown>, RegExp][] = [
    ["an unknown trail mode", { trail: "yes" }, /^Pulumi\.mumbai\.yaml: spot-grid:audit\.trail: must be "account" or "organization"$/],
    ["a trail log retention CloudWatch does not offer", { trailLogRetentionDays: 100 }, /spot-grid:audit\.trailLogRetentionDays: must be a CloudWatch Logs retention: one of 1, 3, 5/],
    ["an Object Lock longer than S3 allows", { archive: { objectLockDays: 40000 } }, /spot-grid:audit\.archive\.objectLockDays: objectLockDays is 40000; use a whole number of days from 1 to 36500$/],
    ["an unknown Object Lock mode", { archive: { objectLockMode: "legal-hold" } }, /spot-grid:audit\.archive\.objectLockMode: must be "governance" or "compliance"$/],
    ["expiry before the lock ends", { archive: { objectLockDays: 730, expireAfterDays: 400 } }, /spot-grid:audit\.archive\.expireAfterDays: expireAfterDays \(400\) must be at least 730: no sooner than the Object Lock \(730 days\) ends/],
    ["expiry within a year", { archive: { objectLockDays: 30, deepArchiveAfterDays: 200, expireAfterDays: 300 } }, /expireAfterDays \(300\) must be at least 365/],
    ["zero days", { archive: { archiveAfterDays: 0 } }, /spot-grid:audit\.archive\.archiveAfterDays: must be at least 1 day; got 0$/],
];

describe("infra/config: spot-grid:audit", () => {
    it("defaults: no audit home, no auditor, a year's governance lock, Glacier at 90 days, Deep Archive at 365, never expired", () => {
        const c = parseStackConfig("mumbai", base());
        assert.deepStrictEqual(c.audit, {
            trailLogRetentionDays: 365,
            archive: { objectLockDays: 365, objectLockMode: "governance", archiveAfterDays: 90, deepArchiveAfterDays: 365 },
        });
    });

    for (const [what, audit, pattern] of MISTAKES) {
        it(`rejects ${what} in one line naming the key`, () => {
            assert.throws(() => withAudit(audit), (e: unknown) => e instanceof ConfigError && pattern.test((e as Error).message) && !(e as Error).message.includes("\n"));
        });
    }

    it("rejects an auditor of another account than the operators", () => {
        assert.throws(
            () => withAudit({ auditorRoleArn: "arn:aws:iam::444455556666:role/auditor" }, "mumbai", { "spot-grid:operators": { driftRoleArn: "arn:aws:iam::111122223333:role/d" } }),
            /Pulumi\.mumbai\.yaml: spot-grid:audit\.auditorRoleArn: arn:aws:iam::444455556666:role\/auditor is in another account than the operator roles \(111122223333\)/,
        );
    });

    it("allows one audit home per stack set, naming the second one's file", () => {
        const mumbai = withAudit({ trail: "account" });
        const ohio = parseStackConfig("ohio", { ...base(), "aws:region": "us-east-2", "spot-grid:network": { cidr: "10.22.0.0/16", availabilityZones: 3 }, "spot-grid:audit": { trail: "organization" } });
        assert.throws(() => validateStackSet([mumbai, ohio]), /Pulumi\.ohio\.yaml: spot-grid:audit\.trail: mumbai already holds the account's audit \(Pulumi\.mumbai\.yaml: trail account\); set trail in one stack only and remove it here$/);
        assert.doesNotThrow(() => validateStackSet([mumbai, parseStackConfig("ohio", { ...base(), "aws:region": "us-east-2", "spot-grid:network": { cidr: "10.22.0.0/16", availabilityZones: 3 } })]));
    });

    it("the project's stack set: mumbai is the audit home with the account trail; every stack names its auditor", () => {
        const stacks = loadStackSet(ROOT);
        assert.deepStrictEqual(stacks.filter((s) => s.audit.trail !== undefined).map((s) => [s.stack, s.audit.trail]), [["mumbai", "account"]]);
        for (const s of stacks) assert.strictEqual(s.audit.auditorRoleArn, AUDITOR, s.stack);
    });

    it("warns in one line: no auditor; no audit home in the set (once, by the first stack); an organisation trail's alarms live elsewhere", () => {
        const mumbai = parseStackConfig("mumbai", base());
        const ohio = parseStackConfig("ohio", { ...base(), "aws:region": "us-east-2", "spot-grid:network": { cidr: "10.22.0.0/16", availabilityZones: 3 } });
        const audit = (c: typeof mumbai, set: (typeof mumbai)[]) => stackWarnings(c, set).filter((w) => w.includes("spot-grid:audit"));
        assert.deepStrictEqual(audit(mumbai, [mumbai, ohio]), [
            "Pulumi.mumbai.yaml: spot-grid:audit.auditorRoleArn not set: nobody can read mumbai's log archive; set the auditor's role",
            "Pulumi.mumbai.yaml: spot-grid:audit.trail not set in any stack: no trail records the account's management events, so the key-state and CIS alarms see nothing; set trail: account in the primary's stack file (or organization when an organisation trail records the account)",
        ]);
        assert.strictEqual(audit(ohio, [mumbai, ohio]).length, 1, "the set-wide warning is printed once, by the first stack");
        const home = withAudit({ trail: "organization", auditorRoleArn: AUDITOR });
        assert.deepStrictEqual(audit(home, [home]), [
            "Pulumi.mumbai.yaml: spot-grid:audit.trail is organization: the CIS metric-filter alarms are not created here (the organisation trail's log group is in the management account); create them there",
        ]);
        const quiet = withAudit({ trail: "account", auditorRoleArn: AUDITOR });
        assert.deepStrictEqual(audit(quiet, [quiet]), []);
    });

    it("hands the component the retention in S3's words and every stack for the trail's data events", () => {
        const c = withAudit({ trail: "account", archive: { objectLockMode: "compliance", objectLockDays: 2555, expireAfterDays: 3650 } });
        const a = auditArgs(c, [c]);
        assert.deepStrictEqual(a.retention, { objectLockDays: 2555, objectLockMode: "COMPLIANCE", archiveAfterDays: 90, deepArchiveAfterDays: 365, expireAfterDays: 3650 });
        assert.deepStrictEqual(a.gridStacks, [{ stack: "mumbai", region: "ap-south-1" }]);
        assert.strictEqual(a.trail, "account");
    });
});
