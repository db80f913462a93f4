/**
 * The config mistakes every layer must reject with one line naming the file, the key and the fix:
 * the parser (tests/infra/config.test.ts) and the plan CLI, which must exit 2 (tests/tools/plan.test.ts).
 */

/** A valid mumbai config; each test changes one thing. */
export function base(): Record<string, any> {
    return {
        "aws:region": "ap-south-1",
        "spot-grid:owner": "trading-platform",
        "spot-grid:costCentre": "CC-1",
        "spot-grid:network": { cidr: "10.20.0.0/16", availabilityZones: 3 },
        "spot-grid:onPrem": { cidrs: ["172.16.0.0/12"], gatewayIp: "203.0.113.10", bgpAsn: 65010 },
        "spot-grid:compute": { amiId: "ami-0a1b2c3d4e5f60718", instanceTypes: ["c6i.4xlarge", "c6a.4xlarge", "m6i.4xlarge", "m6a.4xlarge"], capacity: { min: 0, max: 10 } },
        "spot-grid:storage": { replicateTo: [] },
    };
}

/** [what is wrong, how to make the mistake in base(), what the message must say] */
export const CONFIG_MISTAKES: [string, (c: Record<string, any>) => void, RegExp][] = [
    ["missing region", (c) => delete c["aws:region"], /aws:region: missing/],
    ["mistyped region, with a suggestion", (c) => (c["aws:region"] = "ap-sout-1"), /aws:region: unknown region "ap-sout-1"; did you mean ap-south-1\?/],
    ["unknown region", (c) => (c["aws:region"] = "mars-north-9"), /aws:region: unknown region "mars-north-9"/],
    ["malformed VPC CIDR", (c) => (c["spot-grid:network"].cidr = "10.300.0.0/16"), /spot-grid:network\.cidr: "10\.300\.0\.0\/16" is not an IPv4 CIDR/],
    ["VPC CIDR with host bits", (c) => (c["spot-grid:network"].cidr = "10.20.1.0/16"), /spot-grid:network\.cidr: "10\.20\.1\.0\/16" has host bits set; did you mean 10\.20\.0\.0\/16\?$/],
    ["public VPC CIDR", (c) => (c["spot-grid:network"].cidr = "8.8.0.0/16"), /spot-grid:network\.cidr: "8\.8\.0\.0\/16" is not private address space/],
    ["VPC CIDR too large", (c) => (c["spot-grid:network"].cidr = "10.0.0.0/8"), /spot-grid:network\.cidr: "10\.0\.0\.0\/8" is not between \/16 and \/28/],
    ["VPC overlapping on-prem", (c) => (c["spot-grid:network"].cidr = "172.20.0.0/16"), /overlaps the on-prem range 172\.16\.0\.0\/12/],
    ["more AZs than the region has", (c) => (c["spot-grid:network"].availabilityZones = 4), /availabilityZones: 4 is more than the 3 AZs of ap-south-1; use at most 3/],
    ["zero AZs", (c) => (c["spot-grid:network"].availabilityZones = 0), /availabilityZones: must be at least 1/],
    ["AZ count as text", (c) => (c["spot-grid:network"].availabilityZones = "three"), /availabilityZones: must be a number; got "three"$/],
    ["malformed on-prem CIDR", (c) => (c["spot-grid:onPrem"].cidrs = ["172.16.0.0/33"]), /spot-grid:onPrem\.cidrs\[0\]: "172\.16\.0\.0\/33" is not an IPv4 CIDR/],
    ["public on-prem CIDR", (c) => (c["spot-grid:onPrem"].cidrs = ["8.8.8.0/24"]), /cidrs\[0\]: "8\.8\.8\.0\/24" is not private address space/],
    ["bad gateway IP", (c) => (c["spot-grid:onPrem"].gatewayIp = "0.0.0.0"), /gatewayIp: "0\.0\.0\.0" is not a usable IPv4/],
    ["bad BGP ASN", (c) => (c["spot-grid:onPrem"].bgpAsn = 0), /spot-grid:onPrem\.bgpAsn: must be at least 1; got 0$/],
    ["malformed AMI id", (c) => (c["spot-grid:compute"].amiId = "ami-xyz"), /spot-grid:compute\.amiId: must be an AMI id like ami-0123456789abcdef0/],
    ["empty instance list", (c) => (c["spot-grid:compute"].instanceTypes = []), /instanceTypes: must list at least one instance type/],
    ["no instance selection", (c) => delete c["spot-grid:compute"].instanceTypes, /set instanceTypes or instanceRequirements/],
    ["capacity min > max", (c) => (c["spot-grid:compute"].capacity = { min: 5, max: 2 }), /capacity\.min: min must not exceed max/],
    ["replication to itself", (c) => (c["spot-grid:storage"].replicateTo = ["mumbai"]), /replicateTo: a stack cannot replicate to itself/],
    ["replication peer listed twice", (c) => (c["spot-grid:storage"].replicateTo = ["ohio", "ohio"]), /"ohio" is listed twice/],
    ["unknown project key", (c) => (c["spot-grid:netwrok"] = {}), /spot-grid:netwrok: unknown key; did you mean spot-grid:network\?$/],
    ["unknown nested key", (c) => (c["spot-grid:network"].cidrr = "10.0.0.0/16"), /spot-grid:network\.cidrr: unknown key; did you mean cidr\?$/],
    ["misspelled AZ count (the key it meant is then missing)", (c) => { c["spot-grid:network"].availabilityZone = 3; delete c["spot-grid:network"].availabilityZones; }, /spot-grid:network\.availabilityZone: unknown key; did you mean availabilityZones\?$/],
    ["missing AZ count", (c) => delete c["spot-grid:network"].availabilityZones, /spot-grid:network\.availabilityZones: missing; set it to a number$/],
    ["misspelled region key", (c) => { c["aws:regoin"] = c["aws:region"]; delete c["aws:region"]; }, /Pulumi\.mumbai\.yaml: aws:regoin: unknown key; did you mean aws:region\?$/],
    ["misspelled project namespace", (c) => { c["spot-grd:onPrem"] = c["spot-grid:onPrem"]; delete c["spot-grid:onPrem"]; }, /spot-grd:onPrem: unknown key; did you mean spot-grid:onPrem\?$/],
    ["unknown project key, far from any", (c) => (c["spot-grid:quux"] = 1), /spot-grid:quux: unknown key; the keys here are spot-grid:owner, spot-grid:costCentre, spot-grid:network/],
    ["misspelled on-prem key", (c) => { c["spot-grid:onPrem"].gatewayIP = c["spot-grid:onPrem"].gatewayIp; delete c["spot-grid:onPrem"].gatewayIp; }, /spot-grid:onPrem\.gatewayIP: unknown key; did you mean gatewayIp\?$/],
    ["a section that is not a map", (c) => (c["spot-grid:network"] = "10.20.0.0/16"), /spot-grid:network: must be a map of fields \(key: value lines\); got "10\.20\.0\.0\/16"$/],
    ["a list where text goes", (c) => (c["spot-grid:owner"] = ["a", "b"]), /spot-grid:owner: must be text; got a list$/],
    ["missing section", (c) => delete c["spot-grid:onPrem"], /spot-grid:onPrem: missing/],
    ["VPC CIDR too small for its AZs", (c) => (c["spot-grid:network"].cidr = "10.20.0.0/26"), /spot-grid:network\.cidr: 10\.20\.0\.0\/26 is too small for 3 AZs/],
    ["unknown trading time zone", (c) => (c["spot-grid:compute"].schedule = { timeZone: "Asia/Mumbai", desired: 10 }), /spot-grid:compute\.schedule\.timeZone: "Asia\/Mumbai" is not an IANA time zone/],
    // --- the work flow (issue 11): every principal ARN and queue setting
    ["a job submitter given as an assumed-role session", (c) => (c["spot-grid:flow"] = { jobSubmitterPrincipalArn: "arn:aws:sts::444455556666:assumed-role/onprem-job/session-1" }), /spot-grid:flow\.jobSubmitterPrincipalArn: "arn:aws:sts::444455556666:assumed-role\/onprem-job\/session-1" is an assumed-role session; name the role itself/],
    ["a results reader with an 11-digit account", (c) => (c["spot-grid:flow"] = { resultsReaderPrincipalArn: "arn:aws:iam::44445555666:role/reader" }), /spot-grid:flow\.resultsReaderPrincipalArn: "arn:aws:iam::44445555666:role\/reader" has account id "44445555666"; an AWS account id is 12 digits$/],
    ["a reference publisher in account 000000000000", (c) => (c["spot-grid:flow"] = { referencePublisherPrincipalArn: "arn:aws:iam::000000000000:role/publisher" }), /spot-grid:flow\.referencePublisherPrincipalArn: .* has account id 000000000000, which is no AWS account/],
    ["a wildcard principal", (c) => (c["spot-grid:flow"] = { jobSubmitterPrincipalArn: "arn:aws:iam::444455556666:role/onprem-*" }), /spot-grid:flow\.jobSubmitterPrincipalArn: .* has a wildcard; a trust policy names exactly one principal$/],
    ["a principal that is not an ARN", (c) => (c["spot-grid:flow"] = { resultsReaderPrincipalArn: "onprem-results-reader" }), /spot-grid:flow\.resultsReaderPrincipalArn: "onprem-results-reader" is not an IAM role or user ARN like arn:aws:iam::444455556666:role\/onprem-job$/],
    ["a role name longer than IAM's 64 characters", (c) => (c["spot-grid:flow"] = { jobSubmitterPrincipalArn: `arn:aws:iam::444455556666:role/${"r".repeat(65)}` }), /has a role name of 65 characters; IAM allows at most 64$/],
    ["a validator that is an IAM user", (c) => (c["spot-grid:flow"] = { validatorRoleArn: "arn:aws:iam::111122223333:user/validator" }), /spot-grid:flow\.validatorRoleArn: "arn:aws:iam::111122223333:user\/validator" is an IAM user; give an IAM role ARN/],
    ["a validator in another account than the operators", (c) => {
        c["spot-grid:operators"] = { previewRoleArn: "arn:aws:iam::111122223333:role/p" };
        c["spot-grid:flow"] = { validatorRoleArn: "arn:aws:iam::999988887777:role/validator" };
    }, /spot-grid:flow\.validatorRoleArn: arn:aws:iam::999988887777:role\/validator is in another account than the operator roles \(111122223333\)/],
    ["a visibility timeout beyond SQS's 12 hours", (c) => (c["spot-grid:flow"] = { queues: { jobs: { visibilityTimeoutSeconds: 43201 } } }), /spot-grid:flow\.queues\.jobs\.visibilityTimeoutSeconds: must be at most 43200 seconds \(SQS's maximum visibility timeout\); got 43201$/],
    ["a retention below SQS's minute", (c) => (c["spot-grid:flow"] = { queues: { intake: { messageRetentionSeconds: 59 } } }), /spot-grid:flow\.queues\.intake\.messageRetentionSeconds: must be at least 60 seconds \(SQS's minimum retention\); got 59$/],
    ["a retention the dead-letter queue could not outlast", (c) => (c["spot-grid:flow"] = { queues: { results: { messageRetentionSeconds: 864000 } } }), /spot-grid:flow\.queues\.results\.messageRetentionSeconds: 864000 is more than 604800 \(7 days\)/],
    ["zero receives before the dead-letter queue", (c) => (c["spot-grid:flow"] = { queues: { jobs: { maxReceiveCount: 0 } } }), /spot-grid:flow\.queues\.jobs\.maxReceiveCount: must be at least 1; got 0$/],
    ["more receives than SQS allows", (c) => (c["spot-grid:flow"] = { queues: { jobs: { maxReceiveCount: 1001 } } }), /spot-grid:flow\.queues\.jobs\.maxReceiveCount: must be at most 1000 \(SQS's maximum\); got 1001$/],
    ["a fractional backlog target", (c) => (c["spot-grid:flow"] = { scaling: { backlogPerInstance: 2.5 } }), /spot-grid:flow\.scaling\.backlogPerInstance: must be a whole number of jobs; got 2\.5$/],
    ["a misspelled queue", (c) => (c["spot-grid:flow"] = { queues: { job: {} } }), /spot-grid:flow\.queues\.job: unknown key; did you mean jobs\?$/],
];
