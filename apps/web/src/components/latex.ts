/**
 * LaTeX problem statements (problem.tex, as Kattis and ICPC packages have them) turned into Markdown with
 * the math kept as `$...$`, so that the Markdown renderer and KaTeX show them. Covers what statements use:
 * sections, emphasis, lists, verbatim, links and math; other commands keep their text.
 */

interface Command {
  /** Where `\name` starts and where its last argument ends. */
  start: number;
  end: number;
  args: string[];
  /** The optional argument `[...]`, without its brackets. */
  optional: string | null;
}

/** Reads `{...}` at `at` (after spaces), with nested braces; null when there is none. */
function braceGroup(text: string, at: number): { value: string; end: number } | null {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] !== '{') return null;
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return { value: text.slice(i + 1, j), end: j + 1 };
    }
  }
  return null;
}

function findCommand(text: string, name: string, argCount: number, from: number): Command | null {
  const pattern = new RegExp(`\\\\${name}\\*?(?![A-Za-z])`, 'g');
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    let end = match.index + match[0].length;
    const optional = /^\s*\[([^\]]*)\]/.exec(text.slice(end));
    if (optional) end += optional[0].length;
    const args: string[] = [];
    for (let n = 0; n < argCount; n++) {
      const group = braceGroup(text, end);
      if (!group) break;
      args.push(group.value);
      end = group.end;
    }
    if (args.length === argCount) return { start: match.index, end, args, optional: optional?.[1] ?? null };
  }
  return null;
}

function replaceCommand(
  text: string,
  name: string,
  argCount: number,
  render: (args: string[], optional: string | null) => string,
): string {
  let out = text;
  let from = 0;
  for (
    let command = findCommand(out, name, argCount, from);
    command;
    command = findCommand(out, name, argCount, from)
  ) {
    const replacement = render(command.args, command.optional);
    out = out.slice(0, command.start) + replacement + out.slice(command.end);
    // Nested commands inside the replacement are converted on a later pass over the same name.
    from = command.start + (replacement.startsWith('\\') ? 1 : 0);
  }
  return out;
}

const MATH_ENVIRONMENTS = ['equation', 'equation\\*', 'align', 'align\\*', 'gather', 'gather\\*', 'displaymath'];

export function latexToMarkdown(source: string): string {
  const kept: string[] = [];
  const keep = (text: string) => `\uE000${kept.push(text) - 1}\uE000`;

  let text = source.replace(/\r\n?/g, '\n');
  // Verbatim first: nothing in it is LaTeX.
  text = text.replace(/\\begin\{verbatim\}\n?([\s\S]*?)\\end\{verbatim\}/g, (_, code: string) =>
    keep(`\n\`\`\`\n${code.replace(/\n$/, '')}\n\`\`\`\n`),
  );
  text = text.replace(/\\verb([^A-Za-z\s])(.*?)\1/g, (_, _d: string, code: string) => keep(`\`${code}\``));
  // Polygon's examples (olymp.sty): `\exmp{input}{output}`, both verbatim.
  text = replaceCommand(text, 'exmp', 2, (args) =>
    args.map((sample) => keep(`\n\`\`\`\n${sample.replace(/^\n+|\n+$/g, '')}\n\`\`\`\n`)).join(''),
  );
  // Comments: % to the end of the line, unless escaped.
  text = text.replace(/(^|[^\\])%.*$/gm, '$1');
  const body = /\\begin\{document\}([\s\S]*?)(\\end\{document\}|$)/.exec(text);
  if (body) text = body[1];
  // LaTeX indents freely; in Markdown four spaces would start a code block.
  text = text.replace(/^[ \t]+/gm, '');

  // Math is left to KaTeX as it is.
  for (const env of MATH_ENVIRONMENTS) {
    text = text.replace(new RegExp(`\\\\begin\\{${env}\\}([\\s\\S]*?)\\\\end\\{${env}\\}`, 'g'), (_, math: string) =>
      keep(`\n$$\n${env.startsWith('align') ? `\\begin{aligned}${math}\\end{aligned}` : math.trim()}\n$$\n`),
    );
  }
  text = text.replace(/\$\$([\s\S]+?)\$\$/g, (_, math: string) => keep(`\n$$\n${math.trim()}\n$$\n`));
  text = text.replace(/\\\[([\s\S]+?)\\\]/g, (_, math: string) => keep(`\n$$\n${math.trim()}\n$$\n`));
  text = text.replace(/\\\(([\s\S]+?)\\\)/g, (_, math: string) => keep(`$${math.trim()}$`));
  text = text.replace(
    /(^|[^\\])\$((?:\\.|[^$\\])+)\$/g,
    (_, before: string, math: string) => `${before}${keep(`$${math}$`)}`,
  );

  // Structure.
  text = replaceCommand(text, 'problemname', 1, ([title]) => `\n# ${title.trim()}\n`);
  text = replaceCommand(text, 'section', 1, ([title]) => `\n## ${title.trim()}\n`);
  text = replaceCommand(text, 'subsection', 1, ([title]) => `\n### ${title.trim()}\n`);
  text = replaceCommand(text, 'subsubsection', 1, ([title]) => `\n#### ${title.trim()}\n`);
  text = replaceCommand(text, 'paragraph', 1, ([title]) => `\n**${title.trim()}** `);
  text = text.replace(/\\begin\{(Input|Output|Interaction|Scoring|Notes?)\}/g, '\n## $1\n');
  text = text.replace(/\\end\{(Input|Output|Interaction|Scoring|Notes?)\}/g, '\n');
  // Polygon's statements (olymp.sty): the problem's name in its environment, sections as bare commands.
  text = replaceCommand(text, 'begin\\{problem\\}', 5, ([title]) => `\n# ${title.trim()}\n`);
  text = text.replace(/\\end\{problem\}/g, '\n');
  for (const [command, title] of [
    ['InputFile', 'Input'],
    ['OutputFile', 'Output'],
    ['Interaction', 'Interaction'],
    ['Scoring', 'Scoring'],
    ['Examples?', 'Examples'],
    ['Notes?', 'Note'],
  ]) {
    text = text.replace(new RegExp(`\\\\${command}(?![A-Za-z])`, 'g'), `\n## ${title}\n`);
  }

  // Lists: items become Markdown items, indented by depth.
  const lines: string[] = [];
  const stack: ('itemize' | 'enumerate')[] = [];
  for (const piece of text.split(
    /(\\begin\{(?:itemize|enumerate|description)\}|\\end\{(?:itemize|enumerate|description)\}|\\item(?:\[[^\]]*\])?)/,
  )) {
    const open = /^\\begin\{(itemize|enumerate|description)\}$/.exec(piece);
    if (open) {
      stack.push(open[1] === 'enumerate' ? 'enumerate' : 'itemize');
      lines.push('\n');
      continue;
    }
    if (/^\\end\{(itemize|enumerate|description)\}$/.test(piece)) {
      stack.pop();
      lines.push('\n\n');
      continue;
    }
    const item = /^\\item(?:\[([^\]]*)\])?$/.exec(piece);
    if (item && stack.length > 0) {
      const indent = '   '.repeat(stack.length - 1);
      const marker = stack[stack.length - 1] === 'enumerate' ? '1.' : '-';
      lines.push(`\n${indent}${marker} ${item[1] ? `**${item[1]}** ` : ''}`);
      continue;
    }
    // Text inside an item continues on one line, so that it stays in the item.
    lines.push(stack.length > 0 ? piece.replace(/\s*\n\s*/g, ' ') : piece);
  }
  text = lines.join('');

  // Inline formatting.
  text = replaceCommand(text, 'textbf', 1, ([t]) => `**${t}**`);
  text = replaceCommand(text, 'emph', 1, ([t]) => `*${t}*`);
  text = replaceCommand(text, 'textit', 1, ([t]) => `*${t}*`);
  text = replaceCommand(text, 'texttt', 1, ([t]) => `\`${t}\``);
  text = replaceCommand(text, 'underline', 1, ([t]) => t);
  text = replaceCommand(text, 'textsc', 1, ([t]) => t);
  text = replaceCommand(text, 'url', 1, ([url]) => `<${url}>`);
  text = replaceCommand(text, 'href', 2, ([url, label]) => `[${label}](${url})`);
  text = replaceCommand(text, 'footnote', 1, ([t]) => ` (${t})`);
  // Pictures become <img> with the name as LaTeX has it (maybe without extension): the renderer finds the file.
  text = replaceCommand(text, 'includegraphics', 1, ([file], options) =>
    keep(
      `<img src="${escapeHtml(file.trim())}" alt=""${widthStyle(/(?:^|,)\s*width\s*=\s*([^,]+)/.exec(options ?? '')?.[1])}>`,
    ),
  );
  // \illustration{width}{file}{caption}: a figure a fraction of the text wide, to the right of the text.
  text = replaceCommand(text, 'illustration', 3, ([width, file, caption]) => {
    const alt = escapeHtml(caption.trim());
    const image = `<img src="${escapeHtml(file.trim())}" alt="${alt}">`;
    return keep(
      `\n\n<figure class="illustration"${widthStyle(`${width}\\textwidth`)}>${image}<figcaption>${alt}</figcaption></figure>\n\n`,
    );
  });
  for (const drop of [
    'label',
    'caption',
    'centering',
    'noindent',
    'medskip',
    'bigskip',
    'smallskip',
    'newpage',
    'clearpage',
  ]) {
    text = text.replace(new RegExp(`\\\\${drop}(\\{[^}]*\\})?(?![A-Za-z])`, 'g'), '');
  }
  text = text.replace(
    /\\(begin|end)\{(center|figure\*?|flushleft|flushright|minipage|table|tabular)\}(\{[^}]*\})?(\[[^\]]*\])?/g,
    '\n',
  );
  text = text.replace(/\\(ldots|dots)(\{\})?/g, '…');
  text = text.replace(/---/g, '—').replace(/--/g, '–');
  text = text.replace(/``/g, '“').replace(/''/g, '”');
  // A forced line break: a backslash at the end of a line is one in Markdown too.
  text = text.replace(/\\\\(\[[^\]]*\])?/g, '\\\n');
  text = text.replace(/(^|[^\\])~/g, '$1\u00a0');
  text = text.replace(/\\([%&{}])/g, '$1');
  text = text.replace(/\\(?:quad|qquad|,|;| )/g, ' ');

  text = text
    .replace(/^(\s*(?:-|1\.)) +/gm, '$1 ')
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

  return text.replace(/\uE000(\d+)\uE000/g, (_, n: string) => kept[Number(n)]);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * ` style="width: ..."` for a LaTeX width: a fraction of `\textwidth` (or `\linewidth`, `\columnwidth`) as a
 * percentage, a length in a unit CSS shares with LaTeX as it is; nothing for anything else.
 */
function widthStyle(width: string | undefined): string {
  const value = width?.trim() ?? '';
  const fraction = /^(\d*\.?\d+)?\s*\\(?:textwidth|linewidth|columnwidth|hsize)$/.exec(value);
  if (fraction) return ` style="width: ${Math.min(100, Number((Number(fraction[1] ?? '1') * 100).toFixed(2)))}%"`;
  const length = /^(\d*\.?\d+)\s*(cm|mm|in|pt|px|em)$/.exec(value);
  return length ? ` style="width: ${length[1]}${length[2]}"` : '';
}

/** The API wraps a LaTeX statement in a ```latex fence (docs/api.md); this finds it. */
export function latexSource(statement: string): string | null {
  const match = /^\s*```latex\n([\s\S]*)\n```\s*$/.exec(statement);
  return match ? match[1] : null;
}
