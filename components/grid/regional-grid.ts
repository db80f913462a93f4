/**
 * RegionalGrid: everything one region stack runs, composed from the concept components.
 * `infra/` builds its args from validated stack config; nothing here reads `pulumi.Config`.
 */
import * as pulumi from "@pulumi/pulumi";
import { RegionalNetwork, RegionalNetworkArgs } from "../network/regional-network";
import { SpotFleet, SpotFleetArgs } from "../compute/spot-fleet";
import { RegionalData, RegionalDataArgs } from "../storage/regional-data";

/** Arguments for {@link RegionalGrid}. */
export interface RegionalGridArgs {
    /** Stack (region nickname), e.g. `mumbai`. */
    readonly stack: string;
    /** AWS region code, e.g. `ap-south-1`. */
    readonly region: string;

    /** The private VPC, VPN to on-prem, VPC endpoints and workers' security group (components/network). */
    readonly network: RegionalNetworkArgs;

    /**
     * Region key, data and log buckets, uploader and replication (components/storage). The VPC
     * endpoints the bucket policies allow come from the network part.
     */
    readonly data: Omit<RegionalDataArgs, "stack" | "region" | "allowedVpcEndpointIds" | "uploadEndpointId">;

    /** The Spot workers (components/compute); subnets and security group come from the network part. */
    readonly compute: RegionalComputeArgs;
}

/**
 * SpotFleet arguments the stack config decides. Subnets and security group come from the network
 * part; the region key and the workers' data policy from the data part.
 */
export type RegionalComputeArgs = Omit<SpotFleetArgs, "stack" | "region" | "subnets" | "securityGroupId" | "regionKeyArn" | "dataAccessPolicy">;

export class RegionalGrid extends pulumi.ComponentResource {
    readonly region: string;
    readonly network: RegionalNetwork;
    readonly data: RegionalData;
    readonly compute: SpotFleet;

    constructor(name: string, args: RegionalGridArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:grid:RegionalGrid", name, {}, opts);
        this.region = args.region;

        // Logical name = the grid's name (the stack): never change it, it is part of every network URN.
        this.network = new RegionalNetwork(name, args.network, { parent: this });

        // Logical name = the grid's name (the stack): never change it, it is part of every data URN.
        this.data = new RegionalData(name, {
            ...args.data,
            stack: args.stack,
            region: args.region,
            // Workers come through the gateway endpoint, on-prem through the interface endpoint.
            allowedVpcEndpointIds: [this.network.s3GatewayEndpointId, this.network.s3InterfaceEndpointId],
            uploadEndpointId: this.network.s3InterfaceEndpointId,
        }, { parent: this });

        // Logical name `<stack>-workers`: never change it, it is part of every compute URN.
        this.compute = new SpotFleet(
            `${name}-workers`,
            {
                ...args.compute,
                stack: args.stack,
                region: args.region,
                subnets: this.network.availabilityZones.map((az) => ({
                    subnetId: this.network.subnetIdsByAz.apply((ids) => ids[az]),
                    availabilityZone: az,
                })),
                securityGroupId: this.network.workersSecurityGroupId,
                regionKeyArn: this.data.key.arn,
                dataAccessPolicy: this.data.workerDataAccessPolicyJson,
            },
            { parent: this },
        );

        this.registerOutputs({
            region: this.region,
            vpcId: this.network.vpcId,
            dataBucketArn: this.data.bucket.arn,
            workersGroupName: this.compute.groupName,
        });
    }
}
