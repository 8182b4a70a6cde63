import type { EntityManager } from '@mikro-orm/postgresql';
import { say } from '../i18n/lang.js';
import { hashPassword } from '../modules/comptes/password.js';
import { User } from '../modules/comptes/user.entity.js';
import { recordAudit } from '../modules/commun/moderation/audit.service.js';
import { reportContent, warnMember } from '../modules/commun/moderation/moderation.service.js';
import { ReportReason } from '../modules/commun/moderation/report.entity.js';
import { DeliveryChannel } from '../modules/commun/notifications/notification-kinds.js';
import { notify, setPreference } from '../modules/commun/notifications/notifications.service.js';
import type { DemoWorld } from './demo.js';

/**
 * The shared part of the demo: Hélène was appointed moderator by the team (in the audit log);
 * an account posting credit ads in its presentation was reported by Camille and Bernard and waits
 * in the moderation queue; Karim reads his notifications in a weekly digest; everyone is welcomed.
 */
export async function seedCommun(em: EntityManager, { people }: DemoWorld): Promise<void> {
  await recordAudit(em, {
    actorId: people.admin.id,
    action: 'role.change',
    targetUserId: people.moderator.id,
    data: { from: 'member', to: 'moderator' },
  });

  const spammer = em.create(User, {
    email: 'credit-express@demo.maillage.fr',
    displayName: 'Crédit Express 44',
    passwordHash: await hashPassword(`${Math.random()}-not-a-demo-login`),
    bio: 'Besoin d’argent ? **Crédit rapide sans justificatif**, réponse en 5 minutes ! Appelez-nous.',
    // Signed up a while ago: the home page's newest members are the real ones.
    createdAt: new Date(Date.now() - 20 * 24 * 3600 * 1000),
  });
  await em.flush();
  await reportContent(em, people.camille, {
    contentType: 'profile',
    contentId: spammer.id,
    reason: ReportReason.SPAM,
    details: 'Publicité pour du crédit, rien à voir avec la médiation.',
  });
  await reportContent(em, people.bernard, {
    contentType: 'profile',
    contentId: spammer.id,
    reason: ReportReason.MISLEADING,
    details: 'Ça ressemble à une arnaque, nos publics pourraient tomber dedans.',
  });
  await warnMember(em, people.moderator, { userId: spammer.id, reason: 'Pas de publicité commerciale sur Maillage' });

  await setPreference(em, people.karim.id, 'moderation.report_handled', DeliveryChannel.DIGEST);
  const everyone = Object.values(people).map((person) => person.id);
  await notify(em, everyone, {
    kind: 'commun.bienvenue',
    text: say(
      'Bienvenue sur Maillage ! Complétez votre profil pour que le réseau sache ce que vous savez faire.',
      'Welcome to Maillage! Complete your profile so the network knows what you can do.',
    ),
    link: '/profil',
  });
}
