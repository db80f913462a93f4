/**
 * RegionalGrid: everything one region stack runs, composed from the concept components.
 * `infra/` builds its args from validated stack config; nothing here reads `pulumi.Config`.
 */
import * as pulumi from "@pulumi/pulumi";
import { RegionalNetwork, RegionalNetworkArgs } from "../network/regional-network";
import { SpotFleet, SpotFleetArgs } from "../compute/spot-fleet"; // compute (issue 5)
import { RegionalData, RegionalDataArgs } from "../storage/regional-data"; // data (issue 4)

/** Arguments for {@link RegionalGrid}. */
export interface RegionalGridArgs {
    /** Stack (region nickname), e.g. `mumbai`. */
    readonly stack: string;
    /** AWS region code, e.g. `ap-south-1`. */
    readonly region: string;

    // --- network (issue 3) ---
    /** The private VPC, VPN to on-prem, VPC endpoints and workers' security group (components/network). */
    readonly network: RegionalNetworkArgs;
    // --- end network ---

    // --- data (issue 4) ---
    /**
     * Region key, data and log buckets, uploader and replication (components/storage). The VPC
     * endpoints the bucket policies allow come from the network part.
     */
    readonly data?: Omit<RegionalDataArgs, "stack" | "region" | "allowedVpcEndpointIds" | "uploadEndpointId">;
    // --- end data ---

    // --- compute (issue 5) ---
    /** The Spot workers (components/compute); subnets and security group come from the network part. */
    readonly compute?: RegionalComputeArgs;
    // --- end compute ---
}

// --- compute (issue 5) ---
/**
 * SpotFleet arguments the stack config decides. The data inputs (region key, workers' data
 * policy) come from the data part (components/storage RegionalData: `key.arn`,
 * `workerDataAccessPolicyJson`); until both are set the workers are not created.
 */
export type RegionalComputeArgs = Omit<SpotFleetArgs, "stack" | "region" | "subnets" | "securityGroupId" | "regionKeyArn" | "dataAccessPolicy"> & {
    readonly regionKeyArn?: pulumi.Input<string>;
    readonly dataAccessPolicy?: pulumi.Input<string>;
};
// --- end compute ---

export class RegionalGrid extends pulumi.ComponentResource {
    readonly region: string;
    // --- network (issue 3): ids the data part (aws:SourceVpce) and compute part (subnets, workers SG) use.
    readonly network: RegionalNetwork;
    // --- end network ---
    // --- data (issue 4) ---
    readonly data?: RegionalData;
    // --- end data ---
    // --- compute (issue 5) ---
    readonly compute?: SpotFleet;
    // --- end compute ---

    constructor(name: string, args: RegionalGridArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:grid:RegionalGrid", name, {}, opts);
        this.region = args.region;

        // --- network (issue 3) ---
        // Logical name = the grid's name (the stack): never change it, it is part of every network URN.
        this.network = new RegionalNetwork(name, args.network, { parent: this });
        // --- end network ---

        // --- data (issue 4) ---
        if (args.data) {
            // Logical name = the grid's name (the stack): never change it, it is part of every data URN.
            this.data = new RegionalData(name, {
                ...args.data,
                stack: args.stack,
                region: args.region,
                // Workers come through the gateway endpoint, on-prem through the interface endpoint.
                allowedVpcEndpointIds: [this.network.s3GatewayEndpointId, this.network.s3InterfaceEndpointId],
                uploadEndpointId: this.network.s3InterfaceEndpointId,
            }, { parent: this });
        }
        // --- end data ---

        // --- compute (issue 5) ---
        if (args.compute) {
            const { regionKeyArn = this.data?.key.arn, dataAccessPolicy = this.data?.workerDataAccessPolicyJson, ...compute } = args.compute;
            if (regionKeyArn === undefined || dataAccessPolicy === undefined) {
                pulumi.log.warn("compute: no region key / workers' data policy from the data part yet; the Spot workers are not planned", this);
            } else {
                // Logical name `<stack>-workers`: never change it, it is part of every compute URN.
                this.compute = new SpotFleet(
                    `${name}-workers`,
                    {
                        ...compute,
                        stack: args.stack,
                        region: args.region,
                        subnets: this.network.availabilityZones.map((az) => ({
                            subnetId: this.network.subnetIdsByAz.apply((ids) => ids[az]),
                            availabilityZone: az,
                        })),
                        securityGroupId: this.network.workersSecurityGroupId,
                        regionKeyArn,
                        dataAccessPolicy,
                    },
                    { parent: this },
                );
            }
        }
        // --- end compute ---

        this.registerOutputs({ region: this.region });
    }
}
