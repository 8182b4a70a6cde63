import { describe, expect, it } from 'vitest';
import { TesterLevel, type Campaign } from './campaign.entity.js';
import { campaignPhase, matchesProfile } from './campaigns.service.js';
import { CampaignPhase } from './projets.types.js';

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
