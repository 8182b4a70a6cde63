import { describe, expect, it } from 'vitest';
import { renderInlineMarkdown, renderMarkdown } from './markdown.js';
import { slugify } from './slug.js';
import { normalizeTag, normalizeTags } from './tags.js';
import { departementFromPostcode, isDepartement, normalizeDepartement } from './territory.js';

describe('tags', () => {
  it('makes one tag of the spellings people use', () => {
    expect(normalizeTag('Aidants Connect')).toBe('aidants-connect');
    expect(normalizeTag('aidants_connect')).toBe('aidants-connect');
    expect(normalizeTag('  Démarches CAF ! ')).toBe('demarches-caf');
    expect(normalizeTags(['Pix', 'pix', 'PIX', ''])).toEqual(['pix']);
  });

  it('gives readable slugs', () => {
    expect(slugify('Amicale laïque de Saint-Étienne-de-Montluc')).toBe('amicale-laique-de-saint-etienne-de-montluc');
    expect(slugify('!!!')).toBe('sans-nom');
  });
});

describe('territory', () => {
  it('knows the départements, Corsica and overseas', () => {
    expect(isDepartement('44')).toBe(true);
    expect(isDepartement('2A')).toBe(true);
    expect(isDepartement('974')).toBe(true);
    expect(isDepartement('99')).toBe(false);
    expect(normalizeDepartement('1')).toBe('01');
    expect(departementFromPostcode('44260')).toBe('44');
    expect(departementFromPostcode('20000')).toBe('2A');
    expect(departementFromPostcode('20200')).toBe('2B');
    expect(departementFromPostcode('97400')).toBe('974');
  });
});

describe('markdown', () => {
  it('renders formatting and refuses scripts, event handlers and javascript: links', () => {
    const html = renderMarkdown('# Titre\n\n**gras** <img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://exemple.fr)');
    expect(html).toContain('<h2>Titre</h2>');
    expect(html).toContain('<strong>gras</strong>');
    expect(html).not.toMatch(/<img|href="javascript:/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<a href="https://exemple.fr" rel="nofollow noopener noreferrer ugc">b</a>');
  });

  it('keeps French punctuation with its word where the member typed a space, but not in code', () => {
    const html = renderMarkdown(
      'Un kit pour le repair café : fiches, outils ; « Le numérique pour tous ? » Oui !\n\n`a : b` http://exemple.fr/a?b',
    );
    expect(html).toContain(
      'Un kit pour le repair café\u00a0: fiches, outils\u202f; «\u00a0Le numérique pour tous\u202f?\u00a0» Oui\u202f!',
    );
    expect(html).toContain('<code>a : b</code>');
    expect(html).toContain('href="http://exemple.fr/a?b"');
    expect(renderInlineMarkdown('Merci **Paul** : c’est réglé !')).toBe('Merci <strong>Paul</strong>\u00a0: c’est réglé\u202f!');
  });
});
