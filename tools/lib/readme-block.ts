/**
 * Generated blocks in README.md, between `<!-- NAME:start -->` and `<!-- NAME:end -->`, so generated
 * docs (the policy table, the architecture diagram) live in the README and a test can keep them
 * in sync with their source.
 */
export function markers(name: string): { start: string; end: string } {
    return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/** The text between the markers, or undefined when the README lacks them. */
export function blockIn(readme: string, name: string): string | undefined {
    const { start, end } = markers(name);
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    if (from < 0 || to < from) return undefined;
    return readme.slice(from + start.length, to).replace(/^\n/, "");
}

/** README text with the block replaced (or appended when the markers are missing). */
export function withBlock(readme: string, name: string, content: string): string {
    const { start, end } = markers(name);
    const block = `${start}\n${content}${end}`;
    const from = readme.indexOf(start);
    const to = readme.indexOf(end);
    if (from < 0 || to < from) return `${readme.replace(/\n*$/, "\n\n")}${block}\n`;
    return readme.slice(0, from) + block + readme.slice(to + end.length);
}
