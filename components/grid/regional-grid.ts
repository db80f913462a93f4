/**
 * RegionalGrid: everything one region stack runs, composed from the concept components.
 * `infra/` builds its args from validated stack config; nothing here reads `pulumi.Config`.
 */
import * as pulumi from "@pulumi/pulumi";
import { RegionalNetwork, RegionalNetworkArgs } from "../network/regional-network";

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
}

export class RegionalGrid extends pulumi.ComponentResource {
    readonly region: string;
    // --- network (issue 3): ids the data part (aws:SourceVpce) and compute part (subnets, workers SG) use.
    readonly network: RegionalNetwork;
    // --- end network ---

    constructor(name: string, args: RegionalGridArgs, opts?: pulumi.ComponentResourceOptions) {
        super("spot-grid:grid:RegionalGrid", name, {}, opts);
        this.region = args.region;

        // --- network (issue 3) ---
        // Logical name = the grid's name (the stack): never change it, it is part of every network URN.
        this.network = new RegionalNetwork(name, args.network, { parent: this });
        // --- end network ---

        this.registerOutputs({ region: this.region });
    }
}
