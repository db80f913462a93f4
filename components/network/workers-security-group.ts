/**
 * WorkersSecurityGroup: the security group the compute issue puts on Spot workers. Egress only to
 * the interface endpoints' security group, S3 through the gateway endpoint's prefix list, and the
 * on-prem ranges on the configured TCP ports; no ingress (operators use SSM Session Manager).
 * DNS to the VPC resolver and instance metadata need no rule (AWS does not filter them).
 */
import * as aws from "../lib/aws";
import * as pulumi from "@pulumi/pulumi";
import { parseIpv4Cidr } from "../lib/cidr";
import { DEFAULT_ON_PREM_PORTS, validateOnPremPorts, workerEgressRules } from "./security-group-rules";

/** Arguments for {@link WorkersSecurityGroup}. */
export interface WorkersSecurityGroupArgs {
    readonly vpcId: pulumi.Input<string>;
    /** The interface endpoints' security group (ServiceEndpoints.endpointSecurityGroupId). */
    readonly endpointSecurityGroupId: pulumi.Input<string>;
    /** S3's managed prefix list, from the gateway endpoint (ServiceEndpoints.s3PrefixListId). */
    readonly s3PrefixListId: pulumi.Input<string>;
    /** On-prem ranges the workers may reach through the VPN. */
    readonly onPremCidrs: readonly string[];
    /**
     * TCP ports the workers may open to `onPremCidrs`; an empty list means no on-prem egress.
     * @default [443]
     */
    readonly onPremPorts?: readonly number[];
}

/** Checks the args before anything is created; throws one message naming the input, the value and what is allowed. */
export function validateWorkersSecurityGroupArgs(args: WorkersSecurityGroupArgs): void {
    for (const [i, c] of args.onPremCidrs.entries()) {
        if (!parseIpv4Cidr(c)) throw new Error(`onPremCidrs[${i}] ${JSON.stringify(c)} is not an IPv4 CIDR with its host bits clear (e.g. 172.16.0.0/12)`);
    }
    const problem = validateOnPremPorts(args.onPremPorts ?? DEFAULT_ON_PREM_PORTS);
    if (problem) throw new Error(problem);
}

export class WorkersSecurityGroup extends pulumi.ComponentResource {
    readonly securityGroupId: pulumi.Output<string>;

    constructor(name: string, args: WorkersSecurityGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:network:WorkersSecurityGroup", name, {}, opts);
        const onPremPorts = args.onPremPorts ?? DEFAULT_ON_PREM_PORTS;
        validateWorkersSecurityGroupArgs(args);

        // Name `${name}`: never rename (replacing a security group detaches it from running workers).
        const sg = new aws.ec2.SecurityGroup(
            name,
            {
                vpcId: args.vpcId,
                description: "Spot workers: egress to AWS endpoints, S3 (gateway) and on-prem only; no ingress",
                ingress: [],
                // Inline rules are exclusive: a rule added by hand is removed on the next update.
                egress: workerEgressRules({
                    endpointSecurityGroupId: args.endpointSecurityGroupId,
                    s3PrefixListId: args.s3PrefixListId,
                    onPremCidrs: args.onPremCidrs,
                    onPremPorts,
                }),
                tags: { Name: name },
            },
            { parent: this },
        );
        this.securityGroupId = sg.id;
        this.registerOutputs({ securityGroupId: this.securityGroupId });
    }
}
