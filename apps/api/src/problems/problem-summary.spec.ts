import { describe, expect, it } from 'vitest';
import { polygonHtmlStatement } from './problem-summary';

describe("Polygon's HTML statements", () => {
  it('keep the body, with MathJax triple dollars as the usual math delimiters', () => {
    const html =
      '<html><head><title>A</title><link href="problem-statement.css" rel="stylesheet"></head>\n' +
      '<body><p>Print $$$a + b$$$ where $$$$$$\\sum_i x_i$$$$$$ is large.</p></body></html>';
    expect(polygonHtmlStatement(html)).toBe('<p>Print $a + b$ where $$\\sum_i x_i$$ is large.</p>');
  });
});
