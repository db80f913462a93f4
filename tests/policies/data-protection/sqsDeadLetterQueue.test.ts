import { sqsDeadLetterQueue } from "../../../policies/data-protection/sqsDeadLetterQueue";
import { assertHasViolation, assertNoViolations, runStackPolicy } from "../../helpers/policy";
import { res } from "./fixtures";

const arn = (name: string) => `arn:aws:sqs:ap-south-1:111122223333:${name}`;
const url = (name: string) => `https://sqs.ap-south-1.amazonaws.com/111122223333/${name}`;
const queue = (name: string, props: Record<string, unknown> = {}) => res("aws:sqs/queue:Queue", name, { name, id: url(name), url: url(name), arn: arn(name), ...props });
const redrive = (target: string, maxReceiveCount: unknown = 4) => JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount });

describe("sqs-dead-letter-queue", () => {
    const dlq = queue("jobs-dlq", { redriveAllowPolicy: JSON.stringify({ redrivePermission: "byQueue", sourceQueueArns: [arn("jobs")] }) });
    const jobs = queue("jobs", { redrivePolicy: redrive(arn("jobs-dlq")) });

    it("stays quiet on a queue with a dead-letter queue, and exempts the dead-letter queue", async () => assertNoViolations(await runStackPolicy(sqsDeadLetterQueue, [jobs, dlq])));
    it("exempts a dead-letter queue named only by another queue's redrive policy (no redriveAllowPolicy)", async () =>
        assertNoViolations(await runStackPolicy(sqsDeadLetterQueue, [jobs, queue("jobs-dlq")])));
    it("accepts a redrive policy given as an sqs.RedrivePolicy resource", async () => {
        const q = queue("intake");
        const r = res("aws:sqs/redrivePolicy:RedrivePolicy", "intake-redrive", { queueUrl: url("intake"), redrivePolicy: redrive(arn("intake-dlq")) });
        assertNoViolations(await runStackPolicy(sqsDeadLetterQueue, [q, r, queue("intake-dlq")]));
    });
    it("accepts a dead-letter queue outside the stack (an ARN is enough)", async () =>
        assertNoViolations(await runStackPolicy(sqsDeadLetterQueue, [queue("results", { redrivePolicy: redrive(arn("shared-dlq")) })])));
    it("fires on a queue without a redrive policy", async () => {
        const q = queue("results");
        assertHasViolation(await runStackPolicy(sqsDeadLetterQueue, [q]), /Queue 'results' has no dead-letter queue/, q.urn);
    });
    it("does not exempt a queue whose redriveAllowPolicy denies all sources", async () =>
        assertHasViolation(await runStackPolicy(sqsDeadLetterQueue, [queue("results", { redriveAllowPolicy: JSON.stringify({ redrivePermission: "denyAll" }) })]), /has no dead-letter queue/));
    it("fires on a redrive policy without a target, to itself, or with a bad maxReceiveCount", async () => {
        assertHasViolation(await runStackPolicy(sqsDeadLetterQueue, [queue("a", { redrivePolicy: JSON.stringify({ maxReceiveCount: 3 }) })]), /without a deadLetterTargetArn/);
        assertHasViolation(await runStackPolicy(sqsDeadLetterQueue, [queue("a", { redrivePolicy: redrive(arn("a")) })]), /names itself as its dead-letter queue/);
        assertHasViolation(await runStackPolicy(sqsDeadLetterQueue, [jobs, queue("x", { redrivePolicy: redrive(arn("jobs-dlq"), 0) }), dlq]), /'x' has a redrivePolicy whose maxReceiveCount 0/);
    });

    describe("in preview, where a redrive policy naming a DLQ of the same run is not known yet", () => {
        // The engine's unknown-value sentinel, as a real `pulumi preview` sends it (found by the e2e).
        const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const pendingDlq = queue("jobs-dlq", { arn: UNKNOWN, url: UNKNOWN, id: UNKNOWN });
        const linked = { ...queue("jobs", { redrivePolicy: UNKNOWN }), propertyDependencies: { redrivePolicy: [String(pendingDlq.urn)] } };

        it("stays quiet on the queue and on the DLQ its redrive policy depends on (judged at up)", async () =>
            assertNoViolations(await runStackPolicy(sqsDeadLetterQueue, [linked, pendingDlq])));
        it("still fires on a queue that has no redrive policy at all", async () => {
            const results = queue("results");
            assertHasViolation(await runStackPolicy(sqsDeadLetterQueue, [linked, pendingDlq, results]), /Queue 'results' has no dead-letter queue/, results.urn);
        });
    });
});
