import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Snippet } from './snippet';

describe('Snippet', () => {
  it('highlights the matches and renders customer markup as text', () => {
    const html = renderToStaticMarkup(
      createElement(Snippet, {
        segments: [
          { text: '<img src=x onerror=alert(1)> quiero ', match: false },
          { text: 'zapatos', match: true },
        ],
      }),
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toMatch(/<mark[^>]*>zapatos<\/mark>/);
  });
});
