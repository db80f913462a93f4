/**
 * The simulator layer itself (./iam-sim): it validates each policy document once and hands the
 * library the validated form, so a malformed document must still be refused on every request,
 * also after a valid version of the same object was simulated (validation is keyed by content).
 */
import * as assert from "assert";
import type { PolicyDocument } from "../../../components/lib/policy-document";
import { decide, SimRequest } from "./iam-sim";

describe("the IAM simulator layer (tests' own helper)", () => {
    const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };
    const policy = { Version: "2012-10-17", Statement: [statement] } as PolicyDocument;
    const request: SimRequest = { principal: "arn:aws:iam::111122223333:role/reader", action: "s3:GetObject", resource: "arn:aws:s3:::b/k", accountId: "111122223333", identityPolicies: [policy] };

    it("refuses a malformed policy each time, even one it has already seen valid", async () => {
        assert.strictEqual(await decide(request), "Allowed");
        statement.Effect = "Perhaps";
        await assert.rejects(decide(request), /simulation rejected/);
        await assert.rejects(decide(request), /simulation rejected/);
        statement.Effect = "Deny";
        assert.strictEqual(await decide(request), "ExplicitlyDenied");
    });
});
