import { describe, expect, it } from 'vitest';
import { formatMessage } from '../../../web/src/lib/i18n/format.js';
import { fr as entraideFr } from '../../../web/src/lib/i18n/messages/entraide.js';
import { en as reseauEn, fr as reseauFr } from '../../../web/src/lib/i18n/messages/reseau.js';
import { capped } from '../../../web/src/lib/counts.js';
import { COUNT_CAP, keysetConnection } from './connection.js';

describe('totals counted up to COUNT_CAP (docs/read-models.md, "The total")', () => {
  const window = { limit: 2, after: null };
  const rows = [{ keyset_0: 'a' }, { keyset_0: 'b' }, { keyset_0: 'c' }];

  it('gives an exact total up to the cap, and the cap with `totalCountCapped` beyond it', () => {
    expect(keysetConnection(rows, window, COUNT_CAP)).toMatchObject({ totalCount: 1000, totalCountCapped: false });
    expect(keysetConnection(rows, window, COUNT_CAP + 1)).toMatchObject({ totalCount: 1000, totalCountCapped: true });
    expect(keysetConnection(rows, window, 3)).toMatchObject({ totalCount: 3, totalCountCapped: false });
  });

  it('shows a capped total as "1 000+" (French number format, narrow no-break space) and an exact one with its plural', () => {
    const page = (total: number) => keysetConnection(rows, window, total);
    const shown = (total: number) =>
      formatMessage('fr', reseauFr['reseau.results'], { count: page(total).totalCount, capped: capped(page(total)) });
    expect(shown(5000)).toBe('1\u202f000+ résultats');
    expect(shown(1000)).toBe('1\u202f000 résultats');
    expect(shown(1)).toBe('1 résultat');
    expect(formatMessage('en', reseauEn['reseau.results'], { count: 1000, capped: 'yes' })).toBe('1,000+ results');
    expect(formatMessage('fr', entraideFr['entraide.count'], { count: 1000, capped: 'yes' })).toBe('1\u202f000+ questions');
  });
});
