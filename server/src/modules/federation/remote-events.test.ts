import { describe, expect, it } from 'vitest';
import { plainText } from './remote-events.js';

describe('remote HTML kept as plain text', () => {
  it('drops every tag, scripts and styles with their contents, and keeps paragraphs as lines', () => {
    const html =
      '<p>Atelier <strong>tablette</strong> à la <a href="https://x.example" onclick="steal()">médiathèque</a></p>' +
      '<script>alert(1)</script><style>p{display:none}</style><p>Gratuit<br>sur inscription</p><img src=x onerror=alert(2)>';
    expect(plainText(html, 5000)).toBe('Atelier tablette à la médiathèque\nGratuit\nsur inscription');
  });

  it('decodes entities once: an escaped tag stays text, never becomes markup', () => {
    expect(plainText('&lt;b&gt;gras&lt;/b&gt; &amp; caf&eacute; &#233;t&#xE9;', 5000)).toBe('<b>gras</b> & caf&eacute; été');
  });

  it('bounds the length', () => {
    expect(plainText('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
  });
});
