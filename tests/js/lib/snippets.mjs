// Marked code blocks of Markdown files, for the tests that run them
// (tests/js/readme.test.mjs, tests/js/package-readme.test.mjs): a fenced
// block immediately preceded by a line `<!-- snippet: KIND -->`.

const MARKER = /^\s*<!--\s*snippet:\s*([\w-]+)\s*-->\s*$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/;

/**
 * The marked snippets of a Markdown file: [{ kind, line, lang, code }], in
 * order. Throws on a marker without a block.
 */
export function markedSnippets(markdown, name) {
  const lines = markdown.split(/\r?\n/);
  const snippets = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i]);
    if (!marker) continue;
    const open = FENCE.exec(lines[i + 1] ?? '');
    if (!open) {
      throw new Error(
        `${name}:${i + 1}: \`<!-- snippet: ${marker[1]} -->\` must be immediately followed by a fenced code block`,
      );
    }
    const [, fence, lang] = open;
    const body = [];
    let j = i + 2;
    for (; j < lines.length; j++) {
      const close = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(lines[j]);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      body.push(lines[j]);
    }
    if (j >= lines.length) throw new Error(`${name}:${i + 2}: the code block is not closed`);
    snippets.push({ kind: marker[1], line: i + 2, lang, code: body.join('\n') + '\n' });
    i = j;
  }
  return snippets;
}

/** Every fenced block of a Markdown file: [{ line, lang }] (the line of its opening fence). */
export function fencedBlocks(markdown) {
  const lines = markdown.split(/\r?\n/);
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (!open) continue;
    const fence = open[1];
    let j = i + 1;
    while (j < lines.length) {
      const close = /^\s{0,3}(`{3,}|~{3,})\s*$/.exec(lines[j]);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      j++;
    }
    blocks.push({ line: i + 1, lang: open[2] });
    i = j;
  }
  return blocks;
}
