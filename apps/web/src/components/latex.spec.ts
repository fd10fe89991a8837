import { describe, expect, it } from 'vitest';
import { latexSource, latexToMarkdown } from './latex';

describe('LaTeX statements', () => {
  it('turns a Kattis-style problem.tex into Markdown, keeping the math for KaTeX', () => {
    const tex = [
      '\\problemname{Hello}',
      '% a comment that is not shown',
      "Print ``hello'' --- then $n^2$ for $1 \\le n \\le 10^5$.",
      '  An indented line stays a paragraph, not code.',
      '',
      '\\section*{Input}',
      'The input has \\textbf{one} line with \\emph{an integer} \\texttt{n}, 50\\% of the time.',
      '\\begin{itemize}',
      '  \\item first',
      '  \\item second with $x_i$',
      '\\end{itemize}',
      '\\begin{verbatim}',
      '  keep   this',
      '\\end{verbatim}',
      '\\[ \\sum_{i=1}^n i \\]',
      'See \\href{https://example.org}{the site}.',
    ].join('\n');
    const md = latexToMarkdown(tex);
    expect(md).toContain('# Hello');
    expect(md).not.toContain('a comment');
    expect(md).toContain('Print “hello” — then $n^2$ for $1 \\le n \\le 10^5$.');
    expect(md).toContain('\nAn indented line');
    expect(md).toContain('## Input');
    expect(md).toContain('**one**');
    expect(md).toContain('*an integer*');
    expect(md).toContain('`n`');
    expect(md).toContain('50% of the time');
    expect(md).toMatch(/\n- first\n- second with \$x_i\$/);
    expect(md).toContain('```\n  keep   this\n```');
    expect(md).toContain('$$\n\\sum_{i=1}^n i\n$$');
    expect(md).toContain('[the site](https://example.org)');
  });

  it('keeps forced line breaks as Markdown hard breaks', () => {
    expect(latexToMarkdown('one\\\\two')).toBe('one\\\ntwo');
  });

  it('recognises the fence the API wraps LaTeX statements in', () => {
    expect(latexSource('```latex\n\\section*{A}\n```')).toBe('\\section*{A}');
    expect(latexSource('# Markdown\n\n```latex\nx\n```')).toBeNull();
  });
});

describe("Polygon's LaTeX statements (olymp.sty)", () => {
  it('names the problem, makes sections of \\InputFile and the like, and shows examples as code', () => {
    const tex = [
      '\\begin{problem}{Sum of Two}{standard input}{standard output}{1 second}{64 megabytes}',
      '',
      'Print $a + b$.',
      '',
      '\\InputFile',
      'Two integers.',
      '',
      '\\OutputFile',
      'One integer.',
      '',
      '\\Examples',
      '',
      '\\exmp{1 2 -- 50%',
      '}{3',
      '}%',
      '',
      '\\Note',
      'None.',
      '\\end{problem}',
    ].join('\n');
    // Sections get a blank line after their heading; the examples are fenced code, untouched by the LaTeX rules.
    expect(latexToMarkdown(tex)).toBe(
      '# Sum of Two\n\nPrint $a + b$.\n\n## Input\n\nTwo integers.\n\n## Output\n\nOne integer.\n\n## Examples\n\n\n' +
        '```\n1 2 -- 50%\n```\n\n```\n3\n```\n\n\n## Note\n\nNone.',
    );
  });
});
