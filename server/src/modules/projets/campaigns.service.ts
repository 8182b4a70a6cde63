import { randomUUID } from 'node:crypto';
import { assertCanPost } from '../commun/moderation/posting-limits.js';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, query, queryOne, sql, whereAll } from '../../db/sql.js';
import { isModerator } from '../../graphql/auth.js';
import { FieldErrors, badInput, conflict, forbidden, notFound } from '../../graphql/errors.js';
import {
  countBounded,
  boundedCount,
  afterCursor,
  keysetColumns,
  keysetConnection,
  keysetOrder,
  keysetWindow,
  type Connection,
  type SortKey,
} from '../../graphql/connection.js';
import { say, type Text } from '../../i18n/lang.js';
import { spokenStart } from '../../shared/local-time.js';
import { PARIS_TIME_ZONE } from '../../shared/territory.js';
import { User } from '../comptes/user.entity.js';
import { notify } from '../commun/notifications/notifications.service.js';
import { ApplicationStatus, CampaignApplication, QuestionnaireAnswer, TestReport } from './application.entity.js';
import { Campaign, CampaignQuestion, CampaignScenario, TESTER_LEVELS, type TesterLevel } from './campaign.entity.js';
import { canEditProject, getProject, projectManagerIds, requireProjectEditor } from './projects.service.js';
import { CampaignPhase } from './projets.types.js';
import type { Viewer } from '../comptes/viewer.js';

export const CAMPAIGN_NOT_FOUND = say(
  'Cette campagne de test n’existe pas ou n’est plus visible.',
  'This test campaign does not exist or is no longer visible.',
);
const APPLICATION_NOT_FOUND = say('Cette candidature n’existe pas.', 'This application does not exist.');
const CAMPAIGN_CLOSED = say(
  'Cette campagne est close : plus rien ne peut y être changé.',
  'This campaign is closed: nothing can be changed any more.',
);

const MAX_SEATS = 200;
const MAX_SCENARIOS = 20;
const MAX_STEPS = 30;
const MAX_QUESTIONS = 20;
const MAX_PROFILE_VALUES = 10;

export function campaignPhase(campaign: Pick<Campaign, 'closedAt' | 'applicationDeadline'>, now = new Date()): CampaignPhase {
  if (campaign.closedAt) return CampaignPhase.CLOSED;
  return campaign.applicationDeadline.getTime() > now.getTime() ? CampaignPhase.APPLICATIONS : CampaignPhase.TESTING;
}

export function campaignLink(campaignId: string): string {
  return `/projets/campagnes/${campaignId}`;
}

/** Whether an applicant fits the profile the campaign looks for (each empty criterion fits everyone). */
export function matchesProfile(campaign: Campaign, application: Pick<CampaignApplication, 'level' | 'publics' | 'device'>): boolean {
  const lower = (values: string[]) => values.map((value) => value.toLowerCase());
  const levelFits = campaign.testerLevels.length === 0 || campaign.testerLevels.includes(application.level);
  const publicFits =
    campaign.testerPublics.length === 0 || lower(application.publics).some((p) => lower(campaign.testerPublics).includes(p));
  const device = application.device.toLowerCase();
  const deviceFits =
    campaign.testerDevices.length === 0 || lower(campaign.testerDevices).some((d) => device.includes(d) || d.includes(device));
  return levelFits && publicFits && deviceFits;
}

/** Trimmed, non-empty, without repeats (case-insensitive), each at most `max` characters. */
function cleanList(errors: FieldErrors, field: string, values: string[] | null | undefined, max = 60): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values ?? []) {
    const value = raw.trim();
    if (!value || seen.has(value.toLowerCase())) continue;
    if (value.length > max)
      errors.add(field, say(`Chaque valeur fait au plus ${max} caractères.`, `Each value has at most ${max} characters.`));
    seen.add(value.toLowerCase());
    out.push(value);
  }
  if (out.length > MAX_PROFILE_VALUES)
    errors.add(field, say(`Au plus ${MAX_PROFILE_VALUES} valeurs.`, `At most ${MAX_PROFILE_VALUES} values.`));
  return out;
}

export async function getCampaign(em: EntityManager, id: string): Promise<Campaign> {
  const campaign = await em.findOne(Campaign, { id }, { populate: ['project', 'project.holder'] });
  if (!campaign) throw notFound(CAMPAIGN_NOT_FOUND);
  return campaign;
}

/** A campaign as its viewer may see it: hidden ones (or of a hidden project) only for its managers and moderators. */
export async function findVisibleCampaign(em: EntityManager, id: string, viewer: Viewer | null): Promise<Campaign | null> {
  const campaign = await em.findOne(Campaign, { id }, { populate: ['project', 'project.holder'] });
  if (!campaign) return null;
  const hidden = campaign.hiddenAt || campaign.project.hiddenAt;
  if (hidden && !isModerator(viewer) && !(await canEditProject(em, campaign.project, viewer))) return null;
  return campaign;
}

export interface OpenCampaignData {
  projectId: string;
  title: string;
  goal: string;
  testerProfile?: { levels?: TesterLevel[] | null; publics?: string[] | null; devices?: string[] | null } | null;
  seats: number;
  applicationDeadline: Date;
  testStartsAt: Date;
  testEndsAt: Date;
  scenarios: Array<{ title: string; steps: string[]; expectedResult: string }>;
  questions?: string[] | null;
}

/** Opens a beta-test campaign for a project. The one place where the "may open a campaign" rule lives. */
export async function openCampaign(em: EntityManager, author: User, input: OpenCampaignData, now = new Date()): Promise<Campaign> {
  const project = await getProject(em, input.projectId);
  await requireProjectEditor(em, project, author);
  const errors = new FieldErrors();
  const title = input.title.trim();
  if (title.length < 3)
    errors.add(
      'title',
      say('Donnez un titre à la campagne (au moins 3 caractères).', 'Give the campaign a title (at least 3 characters).'),
    );
  else if (title.length > 150)
    errors.add('title', say('Le titre ne peut pas dépasser 150 caractères.', 'The title cannot exceed 150 characters.'));
  const goal = input.goal.trim();
  if (goal.length < 10)
    errors.add(
      'goal',
      say(
        'Expliquez ce que vous voulez apprendre de ce test (au moins 10 caractères).',
        'Explain what you want to learn from this test (at least 10 characters).',
      ),
    );
  else if (goal.length > 5000)
    errors.add('goal', say('L’objectif ne peut pas dépasser 5 000 caractères.', 'The goal cannot exceed 5,000 characters.'));
  if (!Number.isInteger(input.seats) || input.seats < 1 || input.seats > MAX_SEATS) {
    errors.add('seats', say(`Indiquez un nombre de places entre 1 et ${MAX_SEATS}.`, `Enter a number of seats from 1 to ${MAX_SEATS}.`));
  }
  const deadline = input.applicationDeadline;
  if (!(deadline.getTime() > now.getTime()))
    errors.add(
      'applicationDeadline',
      say('La date limite des candidatures doit être dans le futur.', 'The application deadline must be in the future.'),
    );
  if (!(input.testEndsAt.getTime() > input.testStartsAt.getTime()))
    errors.add('testEndsAt', say('La fin des tests doit venir après leur début.', 'The end of the tests must come after their start.'));
  else if (input.testEndsAt.getTime() < deadline.getTime())
    errors.add(
      'testEndsAt',
      say(
        'La fin des tests ne peut pas précéder la date limite des candidatures.',
        'The end of the tests cannot precede the application deadline.',
      ),
    );
  const levels = [...new Set(input.testerProfile?.levels ?? [])].filter((level) => TESTER_LEVELS.includes(level));
  const publics = cleanList(errors, 'testerProfile.publics', input.testerProfile?.publics);
  const devices = cleanList(errors, 'testerProfile.devices', input.testerProfile?.devices);

  if (input.scenarios.length === 0)
    errors.add('scenarios', say('Décrivez au moins un scénario de test.', 'Describe at least one test scenario.'));
  if (input.scenarios.length > MAX_SCENARIOS)
    errors.add('scenarios', say(`Au plus ${MAX_SCENARIOS} scénarios.`, `At most ${MAX_SCENARIOS} scenarios.`));
  const scenarios = input.scenarios.map((scenario, index) => {
    const scenarioTitle = scenario.title.trim();
    const steps = scenario.steps.map((step) => step.trim()).filter(Boolean);
    const expectedResult = scenario.expectedResult.trim();
    if (scenarioTitle.length < 3 || scenarioTitle.length > 150) {
      errors.add(
        `scenarios.${index}.title`,
        say('Donnez un titre au scénario (3 à 150 caractères).', 'Give the scenario a title (3 to 150 characters).'),
      );
    }
    if (steps.length === 0) errors.add(`scenarios.${index}.steps`, say('Écrivez au moins une étape.', 'Write at least one step.'));
    else if (steps.length > MAX_STEPS || steps.some((step) => step.length > 500)) {
      errors.add(
        `scenarios.${index}.steps`,
        say(`Au plus ${MAX_STEPS} étapes de 500 caractères chacune.`, `At most ${MAX_STEPS} steps of 500 characters each.`),
      );
    }
    if (expectedResult.length < 3 || expectedResult.length > 1000) {
      errors.add(
        `scenarios.${index}.expectedResult`,
        say('Décrivez le résultat attendu (3 à 1 000 caractères).', 'Describe the expected result (3 to 1,000 characters).'),
      );
    }
    return { title: scenarioTitle, steps, expectedResult };
  });
  const questions = (input.questions ?? []).map((text) => text.trim()).filter(Boolean);
  if (questions.length > MAX_QUESTIONS)
    errors.add('questions', say(`Au plus ${MAX_QUESTIONS} questions.`, `At most ${MAX_QUESTIONS} questions.`));
  questions.forEach((text, index) => {
    if (text.length > 500)
      errors.add(`questions.${index}`, say('Une question fait au plus 500 caractères.', 'A question has at most 500 characters.'));
  });
  errors.throwIfAny();
  await assertCanPost(em, author, 'projets.campaign');

  const campaign = em.create(Campaign, {
    project,
    title,
    goal,
    seats: input.seats,
    testerLevels: levels,
    testerPublics: publics,
    testerDevices: devices,
    applicationDeadline: deadline,
    testStartsAt: input.testStartsAt,
    testEndsAt: input.testEndsAt,
    createdBy: author,
  });
  scenarios.forEach((scenario, index) => em.create(CampaignScenario, { campaign, position: index + 1, ...scenario }));
  questions.forEach((text, index) => em.create(CampaignQuestion, { campaign, position: index + 1, text }));
  await em.flush();
  return campaign;
}

export interface ApplyData {
  campaignId: string;
  motivation: string;
  level: TesterLevel;
  publics?: string[] | null;
  device: string;
  agreesToBeNamed?: boolean | null;
}

export async function applyToCampaign(em: EntityManager, applicant: User, input: ApplyData): Promise<CampaignApplication> {
  const campaign = await findVisibleCampaign(em, input.campaignId, applicant);
  if (!campaign) throw notFound(CAMPAIGN_NOT_FOUND);
  const phase = campaignPhase(campaign);
  if (phase === CampaignPhase.CLOSED) throw conflict(CAMPAIGN_CLOSED);
  if (phase === CampaignPhase.TESTING) {
    throw conflict(
      say(
        `Les candidatures sont closes depuis le ${spokenStart(campaign.applicationDeadline, PARIS_TIME_ZONE, 'fr', false)}.`,
        `Applications closed on ${spokenStart(campaign.applicationDeadline, PARIS_TIME_ZONE, 'en', false)}.`,
      ),
    );
  }
  if ((await projectManagerIds(em, campaign.project.id)).includes(applicant.id)) {
    throw forbidden(
      say(
        'Vous faites partie de l’équipe de ce projet : ce sont d’autres personnes qui doivent le tester.',
        "You are on this project's team: other people must test it.",
      ),
    );
  }
  const errors = new FieldErrors();
  const motivation = input.motivation.trim();
  if (motivation.length < 10)
    errors.add(
      'motivation',
      say(
        'Dites en quelques mots pourquoi vous voulez tester (au moins 10 caractères).',
        'Say in a few words why you want to test (at least 10 characters).',
      ),
    );
  else if (motivation.length > 1000)
    errors.add(
      'motivation',
      say('Votre motivation ne peut pas dépasser 1 000 caractères.', 'Your motivation cannot exceed 1,000 characters.'),
    );
  if (!TESTER_LEVELS.includes(input.level)) errors.add('level', say('Choisissez votre niveau.', 'Choose your level.'));
  const device = input.device.trim();
  if (device.length < 2 || device.length > 120)
    errors.add(
      'device',
      say(
        'Indiquez l’appareil avec lequel vous testerez (exemple : smartphone Android).',
        'Say which device you will test with (e.g. Android smartphone).',
      ),
    );
  const publics = cleanList(errors, 'publics', input.publics);
  errors.throwIfAny();
  await assertCanPost(em, applicant, 'projets.application');

  let applicationId: string;
  try {
    applicationId = await em.transactional(async (tx) => {
      const application = tx.create(CampaignApplication, {
        campaign: tx.getReference(Campaign, campaign.id),
        applicant: tx.getReference(User, applicant.id),
        motivation,
        level: input.level,
        publics,
        device,
        agreesToBeNamed: !!input.agreesToBeNamed,
      });
      await tx.flush();
      await notify(
        tx,
        await projectManagerIds(tx, campaign.project.id),
        {
          kind: 'projets.application',
          text: say(
            `${applicant.displayName} souhaite tester « ${campaign.project.title} » (campagne « ${campaign.title} »).`,
            `${applicant.displayName} wants to test "${campaign.project.title}" (campaign "${campaign.title}").`,
          ),
          link: `${campaignLink(campaign.id)}/candidatures`,
        },
        applicant.id,
      );
      return application.id;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw conflict(say('Vous avez déjà candidaté à cette campagne.', 'You have already applied to this campaign.'));
    }
    throw error;
  }
  const application = await em.findOneOrFail(CampaignApplication, { id: applicationId }, { populate: ['applicant', 'campaign'] });
  return application;
}

export async function getApplication(em: EntityManager, id: string): Promise<CampaignApplication> {
  const application = await em.findOne(
    CampaignApplication,
    { id },
    { populate: ['applicant', 'campaign', 'campaign.project', 'campaign.project.holder'] },
  );
  if (!application) throw notFound(APPLICATION_NOT_FOUND);
  return application;
}

/**
 * The holder accepts or declines an application. Seats are taken by a conditional update of the
 * campaign's counter inside the transaction, so two accepts at once never exceed the seats.
 */
export async function decideApplication(
  em: EntityManager,
  holder: User,
  input: { applicationId: string; decision: ApplicationStatus; message?: string | null },
): Promise<CampaignApplication> {
  const application = await getApplication(em, input.applicationId);
  const campaign = application.campaign;
  await requireProjectEditor(em, campaign.project, holder);
  if (input.decision === ApplicationStatus.PENDING) {
    throw badInput({
      decision: say('Choisissez d’accepter ou de refuser la candidature.', 'Choose to accept or decline the application.'),
    });
  }
  const message = input.message?.trim() || null;
  if (message && message.length > 1000)
    throw badInput({ message: say('Le message ne peut pas dépasser 1 000 caractères.', 'The message cannot exceed 1,000 characters.') });

  const changed = await em.transactional(async (tx) => {
    // Decisions on one campaign are taken one after the other (campaign row first, always in this order: no deadlock).
    const state = (await queryOne<{ closed_at: Date | null }>(
      tx,
      sql`select closed_at from campaign where id = ${campaign.id} for update`,
    ))!;
    const locked = (await queryOne<{ status: ApplicationStatus }>(
      tx,
      sql`select status from campaign_application where id = ${application.id} for update`,
    ))!;
    if (state.closed_at) throw conflict(CAMPAIGN_CLOSED);
    if (locked.status === input.decision) return false;
    if (input.decision === ApplicationStatus.ACCEPTED) {
      const taken = await query<{ accepted_count: number }>(
        tx,
        sql`update campaign set accepted_count = accepted_count + 1, updated_at = now() where id = ${campaign.id} and accepted_count < seats returning accepted_count`,
      );
      if (taken.length === 0) {
        throw conflict(
          say(
            `Impossible d’accepter : ${campaign.seats === 1 ? 'la place de cette campagne est déjà attribuée' : `les ${campaign.seats} places de cette campagne sont déjà attribuées`}. Refusez la candidature ou libérez d’abord une place.`,
            `Cannot accept: ${campaign.seats === 1 ? 'the seat of this campaign is taken' : `all ${campaign.seats} seats of this campaign are taken`}. Decline the application or free a seat first.`,
          ),
          { reason: 'NO_SEAT_LEFT' },
        );
      }
    } else if (locked.status === ApplicationStatus.ACCEPTED) {
      const { count } = (await queryOne<{ count: number }>(
        tx,
        sql`select count(*)::int as count from test_report where application_id = ${application.id}`,
      ))!;
      if (count > 0) {
        throw conflict(
          say(
            'Cette personne a déjà envoyé des comptes rendus de test : sa candidature ne peut plus être refusée.',
            'This person has already sent test reports: their application can no longer be declined.',
          ),
        );
      }
      await execute(tx, sql`update campaign set accepted_count = accepted_count - 1, updated_at = now() where id = ${campaign.id}`);
    }
    await execute(
      tx,
      sql`update campaign_application set status = ${input.decision}, decided_at = now(), decision_message = ${message}, updated_at = now()
           where id = ${application.id}`,
    );
    const accepted = input.decision === ApplicationStatus.ACCEPTED;
    const text: Text = accepted
      ? say(
          `Votre candidature pour tester « ${campaign.project.title} » est acceptée. Les scénarios de test vous attendent.`,
          `Your application to test "${campaign.project.title}" is accepted. The test scenarios are waiting for you.`,
        )
      : say(
          `Votre candidature pour tester « ${campaign.project.title} » n’est pas retenue.${message ? ` Message de l’équipe : ${message}` : ''}`,
          `Your application to test "${campaign.project.title}" was not selected.${message ? ` Message from the team: ${message}` : ''}`,
        );
    await notify(tx, [application.applicant.id], { kind: 'projets.decision', text, link: campaignLink(campaign.id) }, holder.id);
    return true;
  });
  if (changed) {
    await em.refresh(campaign);
    await em.refresh(application);
  }
  return application;
}

/** The accepted application of `user` in the campaign, or a clear refusal. */
async function requireAcceptedTester(em: EntityManager, campaignId: string, user: User): Promise<CampaignApplication> {
  const application = await em.findOne(CampaignApplication, { campaign: campaignId, applicant: user.id });
  if (!application || application.status !== ApplicationStatus.ACCEPTED) {
    throw forbidden(
      say(
        'Seules les personnes dont la candidature a été acceptée peuvent envoyer un compte rendu de test.',
        'Only people whose application was accepted can send a test report.',
      ),
    );
  }
  return application;
}

/** Locks the campaign against closing while a tester writes, and refuses once it is closed. */
async function requireOpenForReports(tx: EntityManager, campaignId: string): Promise<void> {
  const state = (await queryOne<{ closed_at: Date | null }>(tx, sql`select closed_at from campaign where id = ${campaignId} for share`))!;
  if (state.closed_at) {
    throw conflict(
      say(
        'La campagne est close : les comptes rendus ne peuvent plus être envoyés ni modifiés.',
        'The campaign is closed: reports can no longer be sent or changed.',
      ),
    );
  }
}

/** One report per scenario and tester; sending again replaces it, until the campaign closes. */
export async function submitTestReport(
  em: EntityManager,
  tester: User,
  input: { scenarioId: string; succeeded: boolean; rating: number; comment?: string | null; device: string },
): Promise<TestReport> {
  const scenario = await em.findOne(CampaignScenario, { id: input.scenarioId }, { populate: ['campaign'] });
  if (!scenario) throw notFound(say('Ce scénario de test n’existe pas.', 'This test scenario does not exist.'));
  const application = await requireAcceptedTester(em, scenario.campaign.id, tester);
  const errors = new FieldErrors();
  if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) {
    errors.add(
      'rating',
      say('Donnez une note de 1 (très difficile) à 5 (très facile).', 'Give a rating from 1 (very hard) to 5 (very easy).'),
    );
  }
  const device = input.device.trim();
  if (device.length < 2 || device.length > 120)
    errors.add(
      'device',
      say('Indiquez l’appareil utilisé (exemple : tablette Samsung).', 'Say which device you used (e.g. Samsung tablet).'),
    );
  const comment = input.comment?.trim() || null;
  if (comment && comment.length > 3000)
    errors.add('comment', say('Le commentaire ne peut pas dépasser 3 000 caractères.', 'The comment cannot exceed 3,000 characters.'));
  errors.throwIfAny();

  const id = await em.transactional(async (tx) => {
    await requireOpenForReports(tx, scenario.campaign.id);
    const row = (await queryOne<{ id: string }>(
      tx,
      sql`insert into test_report (id, application_id, scenario_id, succeeded, rating, comment, device)
          values (${randomUUID()}, ${application.id}, ${scenario.id}, ${input.succeeded}, ${input.rating}, ${comment}, ${device})
          on conflict (application_id, scenario_id)
          do update set succeeded = excluded.succeeded, rating = excluded.rating, comment = excluded.comment,
                        device = excluded.device, updated_at = now()
          returning id`,
    ))!;
    return row.id;
  });
  const report = await em.findOneOrFail(TestReport, { id }, { populate: ['scenario'], refresh: true });
  return report;
}

/** The tester answers the questionnaire (all or some questions); answering again replaces, until closing. */
export async function answerQuestionnaire(
  em: EntityManager,
  tester: User,
  input: { campaignId: string; answers: Array<{ questionId: string; answer: string }> },
): Promise<QuestionnaireAnswer[]> {
  const campaign = await getCampaign(em, input.campaignId);
  const application = await requireAcceptedTester(em, campaign.id, tester);
  const questions = await em.find(CampaignQuestion, { campaign });
  const known = new Set(questions.map((question) => question.id));
  const errors = new FieldErrors();
  const answers = input.answers.map((entry, index) => {
    const answer = entry.answer.trim();
    if (!known.has(entry.questionId))
      errors.add(
        `answers.${index}.questionId`,
        say('Cette question n’appartient pas à la campagne.', 'This question is not part of the campaign.'),
      );
    if (answer.length > 3000)
      errors.add(`answers.${index}.answer`, say('Une réponse fait au plus 3 000 caractères.', 'An answer has at most 3,000 characters.'));
    return { questionId: entry.questionId, answer };
  });
  errors.throwIfAny();
  await em.transactional(async (tx) => {
    await requireOpenForReports(tx, campaign.id);
    for (const { questionId, answer } of answers) {
      if (!answer) {
        await execute(tx, sql`delete from questionnaire_answer where application_id = ${application.id} and question_id = ${questionId}`);
        continue;
      }
      await execute(
        tx,
        sql`insert into questionnaire_answer (id, application_id, question_id, answer) values (${randomUUID()}, ${application.id}, ${questionId}, ${answer})
            on conflict (application_id, question_id) do update set answer = excluded.answer, updated_at = now()`,
      );
    }
  });
  return myAnswers(em, campaign.id, tester, true);
}

/** The user's applications as a tester, newest first. */
export async function applicationsOf(em: EntityManager, user: User): Promise<CampaignApplication[]> {
  return em.find(
    CampaignApplication,
    { applicant: user.id },
    { populate: ['campaign', 'campaign.project'], orderBy: { createdAt: 'desc' } },
  );
}

export async function myApplication(em: EntityManager, campaignId: string, user: Viewer): Promise<CampaignApplication | null> {
  return em.findOne(CampaignApplication, { campaign: campaignId, applicant: user.id });
}

export async function myAnswers(em: EntityManager, campaignId: string, user: Viewer, refresh = false): Promise<QuestionnaireAnswer[]> {
  return em.find(
    QuestionnaireAnswer,
    { application: { campaign: campaignId, applicant: user.id } },
    { populate: ['question'], orderBy: { question: { position: 'asc' } }, refresh },
  );
}

export async function myReports(em: EntityManager, campaignId: string, user: Viewer): Promise<TestReport[]> {
  return em.find(
    TestReport,
    { application: { campaign: campaignId, applicant: user.id } },
    { populate: ['scenario'], orderBy: { scenario: { position: 'asc' } } },
  );
}

/** The holder closes the campaign: reports stop, pending applications are declined, the results become public. */
export async function closeCampaign(em: EntityManager, holder: User, input: { campaignId: string }): Promise<Campaign> {
  const campaign = await getCampaign(em, input.campaignId);
  await requireProjectEditor(em, campaign.project, holder);
  await em.transactional(async (tx) => {
    const closed = await query<{ id: string }>(
      tx,
      sql`update campaign set closed_at = now(), updated_at = now() where id = ${campaign.id} and closed_at is null returning id`,
    );
    if (closed.length === 0) throw conflict(say('Cette campagne est déjà close.', 'This campaign is already closed.'));
    const left = await query<{ applicant_id: string }>(
      tx,
      sql`update campaign_application set status = 'declined', decided_at = now(), updated_at = now(),
                 decision_message = 'La campagne est close avant que votre candidature soit étudiée.'
           where campaign_id = ${campaign.id} and status = 'pending' returning applicant_id`,
    );
    await notify(
      tx,
      left.map((row) => row.applicant_id),
      {
        kind: 'projets.decision',
        text: say(
          `La campagne de test de « ${campaign.project.title} » est close avant que votre candidature soit étudiée.`,
          `The test campaign of "${campaign.project.title}" closed before your application was reviewed.`,
        ),
        link: campaignLink(campaign.id),
      },
      holder.id,
    );
    const testers = await query<{ applicant_id: string }>(
      tx,
      sql`select applicant_id from campaign_application where campaign_id = ${campaign.id} and status = 'accepted'`,
    );
    await notify(
      tx,
      testers.map((row) => row.applicant_id),
      {
        kind: 'projets.results',
        text: say(
          `Merci pour vos tests ! Les résultats de « ${campaign.title} » sont publiés.`,
          `Thank you for testing! The results of "${campaign.title}" are published.`,
        ),
        link: `${campaignLink(campaign.id)}/resultats`,
      },
      holder.id,
    );
  });
  await em.refresh(campaign);
  return campaign;
}

/** In the order they came; the id breaks ties between applications of the same instant. */
const APPLICATION_ORDER: SortKey[] = [
  { expression: sql`a.created_at`, direction: 'asc' },
  { expression: sql`a.id`, direction: 'asc' },
];

/**
 * One page of a campaign's applications (keyset pages, docs/read-models.md): one statement picks
 * the page and the total, then the page's applications load with their applicant (the GraphQL type
 * is the entity).
 */
export async function listApplications(
  em: EntityManager,
  viewer: Viewer | null,
  campaign: Campaign,
  args: { first?: number | null; after?: string | null; status?: ApplicationStatus | null },
): Promise<Connection<CampaignApplication>> {
  if (!viewer) throw forbidden();
  await requireProjectEditor(em, campaign.project, viewer);
  const window = keysetWindow(args, APPLICATION_ORDER);
  const where = [sql`a.campaign_id = ${campaign.id}`];
  if (args.status) where.push(sql`a.status = ${args.status}`);
  // The page on the campaign's index, and its total counted up to the cap (docs/read-models.md).
  const listed = sql`select 1 from campaign_application a ${whereAll(where)}`;
  const rows = await query<{ id: string; total_count: number }>(
    em,
    sql`select a.id, ${boundedCount(listed)} as total_count, ${keysetColumns(APPLICATION_ORDER)}
          from campaign_application a
         ${whereAll([...where, afterCursor(APPLICATION_ORDER, window)])}
         ${keysetOrder(APPLICATION_ORDER)}
         limit ${window.limit + 1}`,
  );
  const total = rows.length > 0 ? rows[0].total_count : window.after ? await countBounded(em, listed) : 0;
  const page = keysetConnection(rows, window, total);
  const ids = page.edges.map((edge) => edge.node.id);
  const loaded = ids.length ? await em.find(CampaignApplication, { id: { $in: ids } }, { populate: ['applicant'] }) : [];
  const byId = new Map(loaded.map((application) => [application.id, application]));
  return {
    ...page,
    edges: page.edges.flatMap(({ cursor, node }) => {
      const application = byId.get(node.id);
      return application ? [{ cursor, node: application }] : [];
    }),
  };
}

/** May the viewer see the results: everyone once closed, the project's managers at any time. */
export async function canSeeResults(em: EntityManager, campaign: Campaign, viewer: Viewer | null): Promise<boolean> {
  if (campaign.closedAt) return true;
  return canEditProject(em, campaign.project, viewer);
}
