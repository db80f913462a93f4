import * as assert from "assert";
import { logsEncrypted } from "../../../policies/encryption/logsEncrypted";
import { UNKNOWN, UnknownValueError } from "../../../policies/lib/resource-props";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { CMK } from "./fixtures";

const logGroup = (kmsKeyId?: unknown) => ({ type: "aws:cloudwatch/logGroup:LogGroup", name: "flow-logs", props: { retentionInDays: 365, kmsKeyId } });
const topic = (kmsMasterKeyId?: unknown) => ({ type: "aws:sns/topic:Topic", name: "alerts", props: { kmsMasterKeyId } });

describe("encryption/logs-encrypted", () => {
    it("passes a log group and a topic with a CMK", async () => {
        assertNoViolations(await runResourcePolicy(logsEncrypted, logGroup(CMK)));
        assertNoViolations(await runResourcePolicy(logsEncrypted, topic(CMK)));
    });
    it("fires on a log group without kmsKeyId", async () => {
        assertHasViolation(await runResourcePolicy(logsEncrypted, logGroup()), /'flow-logs'.*kmsKeyId is not set/);
    });
    it("fires on a topic without a key or with the AWS-managed alias/aws/sns", async () => {
        assertHasViolation(await runResourcePolicy(logsEncrypted, topic()), /'alerts'.*kmsMasterKeyId is not set/);
        assertHasViolation(await runResourcePolicy(logsEncrypted, topic("alias/aws/sns")), /AWS-managed alias\/aws\/sns/);
    });
    it("raises UnknownValueError when the key is unknown during preview", async () => {
        await assert.rejects(runResourcePolicy(logsEncrypted, logGroup(UNKNOWN)), UnknownValueError);
    });
});
