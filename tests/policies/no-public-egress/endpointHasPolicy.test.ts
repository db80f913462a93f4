import * as assert from "assert";
import { INTERFACE_ENDPOINT_CATALOGUE } from "../../../components/network/endpoint-catalogue";
import { awsEndpointService, SERVICES_WITHOUT_ENDPOINT_POLICY } from "../../../policies/lib/endpoint-policy-support";
import { endpointHasPolicy } from "../../../policies/no-public-egress/endpointHasPolicy";
import { assertHasViolation, assertNoViolations, runResourcePolicy } from "../../helpers/policy";
import { endpointPolicy, res, T, withProp } from "./fixtures";

describe("endpoint-has-policy", () => {
    const gateway = res(T.endpoint, "s3-gateway", { vpcId: "vpc-1", serviceName: "com.amazonaws.ap-south-1.s3", vpcEndpointType: "Gateway", policy: endpointPolicy });
    const iface = res(T.endpoint, "sts", { vpcId: "vpc-1", serviceName: "com.amazonaws.ap-south-1.sts", vpcEndpointType: "Interface", policy: endpointPolicy });
    const fullAccess = { Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] };

    it("stays quiet on a gateway endpoint with a scoped policy", async () => assertNoViolations(await runResourcePolicy(endpointHasPolicy, gateway)));
    it("stays quiet on an interface endpoint with a scoped policy", async () => assertNoViolations(await runResourcePolicy(endpointHasPolicy, iface)));
    it("stays quiet on a full-access shape restricted to our organization", async () =>
        assertNoViolations(await runResourcePolicy(endpointHasPolicy, withProp(iface, ["policy"], { Statement: [{ ...fullAccess.Statement[0], Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }] }))));
    it("stays quiet on a full-access shape restricted to our resource account", async () =>
        assertNoViolations(await runResourcePolicy(endpointHasPolicy, withProp(gateway, ["policy"], { Statement: [{ ...fullAccess.Statement[0], Condition: { StringEquals: { "aws:ResourceAccount": "111122223333" } } }] }))));
    it("is not applicable to Gateway Load Balancer endpoints", async () => {
        const run = await runResourcePolicy(endpointHasPolicy, res(T.endpoint, "gwlb", { vpcEndpointType: "GatewayLoadBalancer", serviceName: "com.amazonaws.vpce.x" }));
        assert.ok(run.notApplicable !== undefined, "expected notApplicable");
        assertNoViolations(run);
    });

    it("agrees with the component catalogue on which services take no endpoint policy", () => {
        const unsupported = [...INTERFACE_ENDPOINT_CATALOGUE.values()].filter((e) => !e.policySupported).map((e) => e.service);
        assert.deepStrictEqual(unsupported.sort(), [...SERVICES_WITHOUT_ENDPOINT_POLICY].sort());
    });
    it("reads the service out of AWS service names", () => {
        assert.strictEqual(awsEndpointService("com.amazonaws.ap-south-2.ssmmessages"), "ssmmessages");
        assert.strictEqual(awsEndpointService("com.amazonaws.ap-south-1.ecr.api"), "ecr.api");
        assert.strictEqual(awsEndpointService("com.amazonaws.vpce.ap-south-1.vpce-svc-0123"), undefined);
    });
    for (const service of ["ssmmessages", "ec2messages"]) {
        it(`is not applicable to a ${service} endpoint, which takes no policy`, async () => {
            const run = await runResourcePolicy(endpointHasPolicy, res(T.endpoint, service, { vpcId: "vpc-1", serviceName: `com.amazonaws.ap-south-1.${service}`, vpcEndpointType: "Interface" }));
            assert.ok(run.notApplicable !== undefined, "expected notApplicable");
            assertNoViolations(run);
        });
    }
    it("still fires on an ssm endpoint (which takes a policy) without one", async () =>
        assertHasViolation(await runResourcePolicy(endpointHasPolicy, res(T.endpoint, "ssm", { vpcId: "vpc-1", serviceName: "com.amazonaws.ap-south-1.ssm", vpcEndpointType: "Interface" })), /'ssm' has no policy/));

    it("fires on an endpoint without a policy", async () => assertHasViolation(await runResourcePolicy(endpointHasPolicy, withProp(iface, ["policy"], undefined)), /'sts' has no policy/));
    it("fires on a gateway endpoint (type unset = Gateway) without a policy", async () =>
        assertHasViolation(await runResourcePolicy(endpointHasPolicy, res(T.endpoint, "s3", { serviceName: "com.amazonaws.ap-south-1.s3" })), /'s3' has no policy/));
    it("fires on the full-access default written out", async () =>
        assertHasViolation(await runResourcePolicy(endpointHasPolicy, withProp(gateway, ["policy"], JSON.stringify(fullAccess))), /Statement\[0\] allows all actions on all resources to any principal/));
    it("fires on NotAction + NotResource to everyone", async () =>
        assertHasViolation(await runResourcePolicy(endpointHasPolicy, withProp(gateway, ["policy"], { Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, NotAction: "iam:*", NotResource: "arn:aws:s3:::x" }] })), /allows all actions/));
    it("fires on a malformed policy", async () => assertHasViolation(await runResourcePolicy(endpointHasPolicy, withProp(gateway, ["policy"], "{")), /cannot be judged/));
});
