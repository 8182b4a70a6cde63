import { describe, expect, it } from 'vitest';
import { TesterLevel, type Campaign } from './campaign.entity.js';
import { campaignPhase, matchesProfile } from './campaigns.service.js';
import { CampaignPhase } from './projets.types.js';
import { csvCell, toCsv } from './results.csv.js';

describe('results CSV', () => {
  it('quotes separators, quotes and line breaks, and writes decimals the French way', () => {
    expect(csvCell('simple')).toBe('simple');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('il a dit "non"')).toBe('"il a dit ""non"""');
    expect(csvCell('deux\nlignes')).toBe('"deux\nlignes"');
    expect(csvCell(3.5)).toBe('3,5');
    expect(csvCell(null)).toBe('');
  });

  it('never lets a comment run as a spreadsheet formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+33 6 00')).toBe("'+33 6 00");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@cmd')).toBe("'@cmd");
  });

  it('starts with a BOM and ends lines with CRLF, for French spreadsheet software', () => {
    expect(
      toCsv([
        ['a', 1],
        ['b', 2],
      ]),
    ).toBe('\uFEFFa;1\r\nb;2\r\n');
  });
});

describe('campaigns', () => {
  const campaign = (data: Partial<Campaign>) => ({ testerLevels: [], testerPublics: [], testerDevices: [], ...data }) as Campaign;

  it('says which phase a campaign is in', () => {
    const now = new Date('2026-11-22T12:00:00Z');
    expect(campaignPhase({ closedAt: null, applicationDeadline: new Date('2026-11-23T00:00:00Z') }, now)).toBe(CampaignPhase.APPLICATIONS);
    expect(campaignPhase({ closedAt: null, applicationDeadline: new Date('2026-11-21T00:00:00Z') }, now)).toBe(CampaignPhase.TESTING);
    expect(campaignPhase({ closedAt: now, applicationDeadline: new Date('2026-11-23T00:00:00Z') }, now)).toBe(CampaignPhase.CLOSED);
  });

  it('matches an applicant to the profile sought, each empty criterion fitting everyone', () => {
    const sought = campaign({ testerLevels: [TesterLevel.DEBUTANT], testerPublics: ['Seniors'], testerDevices: ['smartphone'] });
    const applicant = { level: TesterLevel.DEBUTANT, publics: ['seniors'], device: 'Smartphone Android' };
    expect(matchesProfile(sought, applicant)).toBe(true);
    expect(matchesProfile(sought, { ...applicant, level: TesterLevel.AUTONOME })).toBe(false);
    expect(matchesProfile(sought, { ...applicant, publics: [] })).toBe(false);
    expect(matchesProfile(sought, { ...applicant, device: 'ordinateur' })).toBe(false);
    expect(matchesProfile(campaign({}), { level: TesterLevel.AUTONOME, publics: [], device: 'ordinateur' })).toBe(true);
  });
});
