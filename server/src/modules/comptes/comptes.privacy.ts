import type { EntityManager } from '@mikro-orm/postgresql';
import { execute, queryOne, sql } from '../../db/sql.js';
import { say } from '../../i18n/lang.js';
import type { PrivacyProvider } from '../commun/mes-donnees/mes-donnees-provider.js';
import { forgetSignInAttempts } from './sign-in-throttle.js';

export const DELETED_ACCOUNT_NAME = 'Compte supprimé';

/** The account itself: profile, sessions, links sent by e-mail. Listed last in sections.ts: it erases the name others see. */
export const accountsPrivacy: PrivacyProvider = {
  section: 'compte',
  label: say('Compte et profil', 'Account and profile'),
  words: {
    profile: say('Profil', 'Profile'),
    sessions: say('Sessions de connexion', 'Sign-in sessions'),
    accountLinks: say('Liens envoyés par e-mail', 'Links sent by e-mail'),
    identities: say('Connexions ProConnect', 'ProConnect sign-ins'),
    email: say('Adresse e-mail', 'E-mail address'),
    displayName: say('Nom affiché', 'Display name'),
    role: say('Rôle sur la plateforme', 'Role on the platform'),
    status: say('État du compte', 'Account status'),
    metier: say('Métier', 'Occupation'),
    expertiseTags: say('Domaines d’expertise', 'Areas of expertise'),
    languages: say('Langues parlées', 'Languages spoken'),
    bio: say('Présentation', 'About me'),
    bioHiddenAt: say('Présentation masquée le', 'About me hidden on'),
    bioHiddenReason: say('Motif du masquage de la présentation', 'Why the about me was hidden'),
    showEmail: say('Adresse e-mail visible', 'E-mail address shown'),
    locale: say('Langue de l’interface', 'Interface language'),
    emailVerifiedAt: say('Adresse e-mail confirmée le', 'E-mail address confirmed on'),
    suspendedUntil: say('Suspendu jusqu’au', 'Suspended until'),
    lastSeenAt: say('Dernière visite', 'Last seen'),
    expiresAt: say('Expire le', 'Expires on'),
    userAgent: say('Navigateur', 'Browser'),
    purpose: say('Objet', 'Purpose'),
    usedAt: say('Utilisé le', 'Used on'),
    createdBy: say('Créé par', 'Created by'),
    provider: say('Fournisseur d’identité', 'Identity provider'),
    subject: say('Identifiant chez le fournisseur', 'Id at the provider'),
    siret: say('SIRET', 'SIRET'),
    lastUsedAt: say('Dernière utilisation', 'Last used'),
  },
  async exportData(em: EntityManager, userId: string) {
    const data = await queryOne<{ profile: unknown; sessions: unknown; account_links: unknown; identities: unknown }>(
      em,
      sql`select (select to_jsonb(p) from (select id, email, display_name as "displayName", role, status, metier, commune, departement,
                 expertise_tags as "expertiseTags", languages, bio, bio_hidden_at as "bioHiddenAt", bio_hidden_reason as "bioHiddenReason",
                 show_email as "showEmail", locale, email_verified_at as "emailVerifiedAt", suspended_until as "suspendedUntil", created_at as "createdAt", updated_at as "updatedAt"
                 from app_user where id = ${userId}) p) as profile,
              (select coalesce(json_agg(s order by s."createdAt"), '[]') from (select created_at as "createdAt", last_seen_at as "lastSeenAt",
                 expires_at as "expiresAt", user_agent as "userAgent" from user_session where user_id = ${userId}) s) as sessions,
              (select coalesce(json_agg(a order by a."createdAt"), '[]') from (select t.purpose, t.created_at as "createdAt", t.expires_at as "expiresAt",
                 t.used_at as "usedAt", c.display_name as "createdBy" from account_link t left join app_user c on c.id = t.created_by_id
                 where t.user_id = ${userId}) a) as account_links,
              (select coalesce(json_agg(i order by i."createdAt"), '[]') from (select provider, subject, siret, created_at as "createdAt",
                 last_used_at as "lastUsedAt" from user_identity where user_id = ${userId}) i) as identities`,
    );
    return { profile: data?.profile, sessions: data?.sessions, accountLinks: data?.account_links, identities: data?.identities };
  },
  async erase(em: EntityManager, userId: string) {
    const account = await queryOne<{ email: string }>(em, sql`select email from app_user where id = ${userId}`);
    if (account) await forgetSignInAttempts(em, account.email);
    await execute(em, sql`delete from rate_limit where key like ${`confirm-password:%:${userId}`}`);
    await execute(em, sql`delete from user_session where user_id = ${userId}`);
    await execute(em, sql`delete from account_link where user_id = ${userId}`);
    await execute(em, sql`delete from user_identity where user_id = ${userId}`);
    await execute(
      em,
      sql`update app_user set email = 'supprime-' || id || '@compte-supprime.invalid', display_name = ${DELETED_ACCOUNT_NAME}, password_hash = null,
                 role = 'member', status = 'deleted', metier = null, commune = null, departement = null, expertise_tags = '{}',
                 languages = '{}', bio = null, bio_hidden_at = null, bio_hidden_reason = null, avatar_file_id = null, avatar_alt = null, show_email = false,
                 suspended_until = null, email_verified_at = null, updated_at = now()
           where id = ${userId}`,
    );
    return [
      say(
        `Une fiche vide nommée « ${DELETED_ACCOUNT_NAME} » est gardée, sans nom, e-mail, mot de passe ni présentation : vos contributions publiques et vos échanges restent ainsi lisibles par les autres membres, sans vous désigner.`,
        `An empty record named "${DELETED_ACCOUNT_NAME}" is kept, without name, e-mail, password or presentation: your public contributions and exchanges stay readable by other members without pointing to you.`,
      ),
    ];
  },
};
