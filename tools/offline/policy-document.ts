/**
 * Renders `aws.iam.getPolicyDocument` arguments to the JSON AWS stores, the way the AWS provider
 * does: single values collapse to strings, principals group by type, conditions group by operator.
 */
interface Principal { type: string; identifiers: string[] }
interface Condition { test: string; variable: string; values: string[] }
interface StatementArgs {
    sid?: string;
    effect?: string;
    actions?: string[];
    notActions?: string[];
    resources?: string[];
    notResources?: string[];
    principals?: Principal[];
    notPrincipals?: Principal[];
    conditions?: Condition[];
}
export interface PolicyDocumentArgs {
    version?: string;
    policyId?: string;
    statements?: StatementArgs[];
}

const one = (values: string[]): string | string[] => (values.length === 1 ? values[0] : [...values]);

function principals(list: Principal[]): unknown {
    if (list.length === 1 && list[0].type === "*") return "*";
    const out: Record<string, string | string[]> = {};
    for (const p of list) {
        const prior = out[p.type];
        const merged = [...(prior === undefined ? [] : Array.isArray(prior) ? prior : [prior]), ...p.identifiers];
        out[p.type] = one(merged);
    }
    return out;
}

function conditions(list: Condition[]): Record<string, Record<string, string | string[]>> {
    const out: Record<string, Record<string, string | string[]>> = {};
    for (const c of list) (out[c.test] ??= {})[c.variable] = one(c.values);
    return out;
}

export function renderPolicyDocument(args: PolicyDocumentArgs): Record<string, unknown> {
    const doc: Record<string, unknown> = { Version: args.version ?? "2012-10-17" };
    if (args.policyId) doc.Id = args.policyId;
    doc.Statement = (args.statements ?? []).map((s) => {
        const st: Record<string, unknown> = {};
        if (s.sid) st.Sid = s.sid;
        st.Effect = s.effect ?? "Allow";
        if (s.actions?.length) st.Action = one(s.actions);
        if (s.notActions?.length) st.NotAction = one(s.notActions);
        if (s.resources?.length) st.Resource = one(s.resources);
        if (s.notResources?.length) st.NotResource = one(s.notResources);
        if (s.principals?.length) st.Principal = principals(s.principals);
        if (s.notPrincipals?.length) st.NotPrincipal = principals(s.notPrincipals);
        if (s.conditions?.length) st.Condition = conditions(s.conditions);
        return st;
    });
    return doc;
}
