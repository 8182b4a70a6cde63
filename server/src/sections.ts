/**
 * The sections of Maillage: the one list that feeds the ORM (entities), the GraphQL schema
 * (resolvers), the HTTP routes and the commun (notification kinds, moderated content, home page,
 * "mes données"). A new section adds its `<name>.section.ts` and one line here (docs/sections.md).
 *
 * The order is the order in which "supprimer mon compte" erases what each section holds:
 * the account itself (comptes) comes last, since it erases the name the others show.
 */
import { agendaSection } from './modules/agenda/agenda.section.js';
import { banqueDeTempsSection } from './modules/banque-de-temps/banque-de-temps.section.js';
import { charteSection } from './modules/charte/charte.section.js';
import { communSection } from './modules/commun/commun.section.js';
import { installSections } from './modules/commun/plugs.js';
import type { Section } from './modules/commun/section.js';
import { comptesSection } from './modules/comptes/comptes.section.js';
import { conversationsSection } from './modules/conversations/conversations.section.js';
import { entraideSection } from './modules/entraide/entraide.section.js';
import { federationSection } from './modules/federation/federation.section.js';
import { fichiersSection } from './modules/fichiers/fichiers.section.js';
import { motsClesSection } from './modules/mots-cles/mots-cles.section.js';
import { orienterSection } from './modules/orienter/orienter.section.js';
import { projetsSection } from './modules/projets/projets.section.js';
import { reseauSection } from './modules/reseau/reseau.section.js';
import { ressourcesSection } from './modules/ressources/ressources.section.js';

export const sections: readonly Section[] = [
  entraideSection,
  agendaSection,
  banqueDeTempsSection,
  projetsSection,
  charteSection,
  orienterSection,
  federationSection,
  ressourcesSection,
  conversationsSection,
  fichiersSection,
  reseauSection,
  motsClesSection,
  communSection,
  comptesSection,
];

installSections(sections);

export const entities = sections.flatMap((section) => section.entities);
export const resolvers = sections.flatMap((section) => section.resolvers);
export const httpRoutes = sections.flatMap((section) => section.httpRoutes ?? []);
