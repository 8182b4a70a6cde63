/**
 * schema.org descriptions of the public pages (JSON-LD), for search engines and assistants: an event
 * (`Event`), a place of the directory (`LocalBusiness`, `GovernmentOffice` or, for a network,
 * `Organization`), a question of the entraide (`QAPage`), an organization, and the breadcrumb of each.
 * Typed with `schema-dts`; checked against the schema.org context and Google's guidelines in
 * tests/e2e/json-ld.test.ts. Pages pass what these return to SharingMeta's `jsonLd`.
 */
import type {
  Answer,
  BreadcrumbList,
  Event as SchemaEvent,
  EventStatusType,
  ItemAvailability,
  LearningResource,
  MediaObject,
  LocalBusiness,
  Offer,
  OpeningHoursSpecification,
  Organization,
  Person,
  Place,
  PostalAddress,
  QAPage,
  Question,
  Thing,
  VirtualLocation,
} from 'schema-dts';
import { zonedIso } from './json-ld/time';

/** What a page gives SharingMeta: one or more schema.org nodes (the component adds the `@context`). */
export type JsonLdGraph = { '@graph': Thing[] };

/**
 * A schema.org description (for search engines and assistants) as the `<script type="application/ld+json">`
 * element a page puts in its head with `{@html}`. Every "<" is written \u003c (the same JSON), so no text
 * of a member can close the element: the HTML is safe whatever the data holds.
 */
export function jsonLdScript(data: Record<string, unknown>): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}

const SCHEMA = 'https://schema.org/';

/** Text without its HTML (descriptions and answers are rendered Markdown), spaces collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<(br|\/p|\/li|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;|&apos;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** Leaves out what is unknown: schema.org has no "null", a missing property says it. */
function defined<T>(node: Exclude<T, string>): Exclude<T, string> {
  return Object.fromEntries(
    Object.entries(node as object).filter(([, value]) => value !== null && value !== undefined && value !== ''),
  ) as Exclude<T, string>;
}

/** "Accueil › Agenda › Premiers pas…": each step a name and an absolute address. */
export function breadcrumb(steps: Array<{ name: string; url: string }>): BreadcrumbList {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: steps.map((step, i) => ({ '@type': 'ListItem', position: i + 1, name: step.name, item: step.url })),
  };
}

interface AddressFields {
  street?: string | null;
  complement?: string | null;
  postalCode?: string | null;
  commune?: string | null;
}

function postalAddress({ street, complement, postalCode, commune }: AddressFields): PostalAddress | undefined {
  if (!street && !commune && !postalCode) return undefined;
  return defined<PostalAddress>({
    '@type': 'PostalAddress',
    streetAddress: [street, complement].filter(Boolean).join(', ') || undefined,
    postalCode: postalCode ?? undefined,
    addressLocality: commune ?? undefined,
    addressCountry: 'FR',
  });
}

function geo(latitude: number | null | undefined, longitude: number | null | undefined) {
  return latitude != null && longitude != null ? ({ '@type': 'GeoCoordinates', latitude, longitude } as const) : undefined;
}

// ——— Events (agenda: ateliers, barcamps, webinaires…) ———

export interface EventForJsonLd {
  id: string;
  title: string;
  descriptionHtml: string;
  startsAt: string;
  endsAt: string;
  /** The time zone of where it happens ("Europe/Paris", "Indian/Reunion"…). */
  timeZone: string;
  capacity: number | null;
  remainingSeats: number | null;
  address: string | null;
  postalCode: string | null;
  commune: string | null;
  latitude: number | null;
  longitude: number | null;
  onlineUrl: string | null;
  fees: string | null;
  themes: string[];
  registrationState: 'OPEN' | 'NOT_YET_OPEN' | 'CLOSED' | 'STARTED';
  registrationOpensAt: string | null;
  /** Cancelled by its organizers: it stays on the agenda, marked so. */
  cancelledAt: string | null;
  /** The first start announced, when the organizers moved it to another date. */
  previousStartAt?: string | null;
  organizer: { name: string; slug: string };
  coOrganizers: Array<{ name: string; slug: string }>;
  place: {
    name: string;
    slug: string;
    adresse: string | null;
    complementAdresse: string | null;
    codePostal: string | null;
    commune: string | null;
    latitude: number | null;
    longitude: number | null;
  } | null;
}

/** "Gratuit", "entrée libre", "0 €": the organizer said it costs nothing. */
const FREE = /^\s*(gratuit|gratuite|entr[ée]e libre|libre|0\s*(€|eur))\b/i;
/** "5 €", "12,50 € par séance": one amount in euros. */
const AMOUNT = /(\d+(?:[.,]\d{1,2})?)\s*(€|eur|euros?)\b/i;

/** What registering costs and whether a seat can be had; the price only when the organizer's words give it. */
function eventOffer(event: EventForJsonLd, url: string, fees: string | null): Offer {
  const availability: ItemAvailability =
    event.registrationState === 'NOT_YET_OPEN'
      ? `${SCHEMA}PreOrder`
      : event.registrationState !== 'OPEN'
        ? `${SCHEMA}OutOfStock`
        : event.remainingSeats === 0
          ? `${SCHEMA}SoldOut`
          : `${SCHEMA}InStock`;
  const free = fees != null && FREE.test(fees);
  const amount = !free && fees ? AMOUNT.exec(fees) : null;
  return defined<Offer>({
    '@type': 'Offer',
    url,
    availability,
    validFrom: event.registrationOpensAt ? zonedIso(event.registrationOpensAt, event.timeZone) : undefined,
    price: free ? 0 : amount ? Number(amount[1].replace(',', '.')) : undefined,
    priceCurrency: free || amount ? 'EUR' : undefined,
    description: fees ?? undefined,
  });
}

/**
 * An event of the agenda as schema.org `Event` (Google's "Event" rich results): start and end with the
 * offset of the place's time zone, where (a `Place` with address and coordinates, and/or a
 * `VirtualLocation`), seats, price, organizers, and whether it still takes place (EventScheduled,
 * EventCancelled, or EventRescheduled with the first start announced as previousStartDate).
 */
export function eventJsonLd(
  event: EventForJsonLd,
  options: { origin: string; image?: string | null; breadcrumbName: string; homeName: string },
): JsonLdGraph {
  const rescheduled = !event.cancelledAt && !!event.previousStartAt;
  const status: EventStatusType = event.cancelledAt
    ? `${SCHEMA}EventCancelled`
    : rescheduled
      ? `${SCHEMA}EventRescheduled`
      : `${SCHEMA}EventScheduled`;
  const url = `${options.origin}/agenda/evenements/${event.id}`;
  const place = event.place;
  const address = postalAddress(
    place?.adresse || place?.commune
      ? { street: place.adresse, complement: place.complementAdresse, postalCode: place.codePostal, commune: place.commune }
      : { street: event.address, postalCode: event.postalCode, commune: event.commune },
  );
  const physical: Place | undefined = address
    ? defined<Place>({
        '@type': 'Place',
        name: place?.name ?? ([event.address, event.commune].filter(Boolean).join(', ') || undefined),
        url: place ? `${options.origin}/reseau/lieux/${place.slug}` : undefined,
        address,
        geo: geo(place?.latitude ?? event.latitude, place?.longitude ?? event.longitude),
      })
    : undefined;
  const online: VirtualLocation | undefined = event.onlineUrl ? { '@type': 'VirtualLocation', url: event.onlineUrl } : undefined;
  const mode = physical && online ? 'Mixed' : online ? 'Online' : 'Offline';
  const fees = event.fees?.trim() || null;
  const organizers: Organization[] = [event.organizer, ...event.coOrganizers].map((organization) => ({
    '@type': 'Organization',
    name: organization.name,
    url: `${options.origin}/organisations/${organization.slug}`,
  }));
  const node = defined<SchemaEvent>({
    '@type': 'Event',
    '@id': url,
    url,
    name: event.title,
    description: plainText(event.descriptionHtml) || undefined,
    startDate: zonedIso(event.startsAt, event.timeZone),
    endDate: zonedIso(event.endsAt, event.timeZone),
    eventStatus: status,
    previousStartDate: rescheduled ? zonedIso(event.previousStartAt!, event.timeZone) : undefined,
    eventAttendanceMode: `${SCHEMA}${mode}EventAttendanceMode` as const,
    location: physical && online ? [physical, online] : (physical ?? online),
    image: options.image ?? undefined,
    organizer: organizers.length === 1 ? organizers[0] : organizers,
    isAccessibleForFree: fees ? FREE.test(fees) : undefined,
    offers: eventOffer(event, url, fees),
    maximumAttendeeCapacity: event.capacity ?? undefined,
    remainingAttendeeCapacity: event.remainingSeats ?? undefined,
    keywords: event.themes.length ? event.themes.join(', ') : undefined,
    inLanguage: 'fr',
  });
  const trail = breadcrumb([
    { name: options.homeName, url: `${options.origin}/` },
    { name: options.breadcrumbName, url: `${options.origin}/agenda` },
    { name: event.title, url },
  ]);
  return { '@graph': [node, trail] };
}

// ——— Places of the directory (reseau) ———

export interface PlaceForJsonLd {
  name: string;
  slug: string;
  kind: string;
  presentationResume: string | null;
  telephone: string | null;
  courriels: string[];
  siteWeb: string[];
  logoUrl: string | null;
  adresse: string | null;
  complementAdresse: string | null;
  codePostal: string | null;
  commune: string | null;
  latitude: number | null;
  longitude: number | null;
  formationsLabels: string[];
  openingRanges: Array<{ dayOfWeek: string; opens: string; closes: string }> | null;
  networks: Array<{ name: string; slug: string }>;
}

/** The week's ranges, the days with the same hours in one specification ("Monday–Friday 09:00–12:00"). */
export function openingHoursSpecification(
  ranges: Array<{ dayOfWeek: string; opens: string; closes: string }>,
): OpeningHoursSpecification[] {
  const byHours = new Map<string, string[]>();
  for (const range of ranges) {
    const key = `${range.opens}-${range.closes}`;
    byHours.set(key, [...(byHours.get(key) ?? []), range.dayOfWeek]);
  }
  return [...byHours].map(([key, days]) => {
    const [opens, closes] = key.split('-');
    return {
      '@type': 'OpeningHoursSpecification',
      dayOfWeek: days.map((day) => `${SCHEMA}${day}`) as OpeningHoursSpecification['dayOfWeek'],
      opens,
      closes,
    };
  });
}

/**
 * A place as schema.org: a network is an `Organization`; a France Services is a `GovernmentOffice`;
 * any other place a `LocalBusiness` (the type search engines read opening hours from), its hours as
 * `openingHoursSpecification` from its `horaires` (reseau's opening-hours.ts, in its own time zone).
 */
export function placeJsonLd(
  place: PlaceForJsonLd,
  options: { origin: string; image?: string | null; breadcrumbName: string; homeName: string },
): JsonLdGraph {
  const url = `${options.origin}/reseau/lieux/${place.slug}`;
  const common = {
    '@id': url,
    name: place.name,
    description: place.presentationResume ?? undefined,
    url: place.siteWeb[0] ?? url,
    telephone: place.telephone ?? undefined,
    email: place.courriels[0] ?? undefined,
    logo: place.logoUrl ?? undefined,
    image: options.image ?? place.logoUrl ?? undefined,
    address: postalAddress({
      street: place.adresse,
      complement: place.complementAdresse,
      postalCode: place.codePostal,
      commune: place.commune,
    }),
    memberOf: place.networks.length
      ? place.networks.map((network): Organization => ({
          '@type': 'Organization',
          name: network.name,
          url: `${options.origin}/reseau/lieux/${network.slug}`,
        }))
      : undefined,
  };
  let node: Organization | LocalBusiness;
  if (place.kind === 'RESEAU') node = defined<Organization>({ '@type': 'Organization', ...common });
  else {
    const franceServices = place.formationsLabels.some((label) => /france services/i.test(label));
    node = defined<LocalBusiness>({
      '@type': franceServices ? 'GovernmentOffice' : 'LocalBusiness',
      ...common,
      geo: geo(place.latitude, place.longitude),
      openingHoursSpecification: place.openingRanges?.length ? openingHoursSpecification(place.openingRanges) : undefined,
    });
  }
  const trail = breadcrumb([
    { name: options.homeName, url: `${options.origin}/` },
    { name: options.breadcrumbName, url: `${options.origin}/reseau` },
    { name: place.name, url },
  ]);
  return { '@graph': [node, trail] };
}

// ——— Organizations ———

export interface OrganizationForJsonLd {
  name: string;
  slug: string;
  logoUrl: string | null;
  siteWeb: string[];
  presentationResume: string | null;
}

/** An organization's page (its members): schema.org `Organization`. */
export function organizationJsonLd(
  organization: OrganizationForJsonLd,
  options: { origin: string; image?: string | null; breadcrumbName: string; homeName: string },
): JsonLdGraph {
  const url = `${options.origin}/organisations/${organization.slug}`;
  const node = defined<Organization>({
    '@type': 'Organization',
    '@id': url,
    name: organization.name,
    url,
    description: organization.presentationResume ?? undefined,
    logo: organization.logoUrl ?? undefined,
    image: options.image ?? organization.logoUrl ?? undefined,
    // The same organization's page in the directory, and its own website.
    sameAs: [`${options.origin}/reseau/lieux/${organization.slug}`, ...organization.siteWeb.slice(0, 1)],
  });
  const trail = breadcrumb([
    { name: options.homeName, url: `${options.origin}/` },
    { name: options.breadcrumbName, url: `${options.origin}/reseau` },
    { name: organization.name, url },
  ]);
  return { '@graph': [node, trail] };
}

// ——— Questions of the entraide ———

interface PostForJsonLd {
  id: string;
  bodyHtml: string;
  createdAt: string;
  score: number;
  hiddenAt?: string | null;
  author: { displayName: string };
}

export interface QuestionForJsonLd extends PostForJsonLd {
  title: string;
  answerCount: number;
  answers: Array<PostForJsonLd & { isAccepted: boolean }>;
}

function person(author: { displayName: string }): Person {
  return { '@type': 'Person', name: author.displayName };
}

/**
 * A question and its answers as schema.org `QAPage` (Google's "Q&A" rich results): exactly one `Question`
 * as its main entity, the accepted answer and the others suggested, each with its text, date, author,
 * score (up minus down, the one count Google asks for) and address on the page.
 */
export function questionJsonLd(
  question: QuestionForJsonLd,
  options: { origin: string; breadcrumbName: string; homeName: string },
): JsonLdGraph {
  const url = `${options.origin}/entraide/questions/${question.id}`;
  const answer = (post: PostForJsonLd): Answer =>
    defined<Answer>({
      '@type': 'Answer',
      text: plainText(post.bodyHtml),
      dateCreated: post.createdAt,
      upvoteCount: post.score,
      url: `${url}#reponse-${post.id}`,
      author: person(post.author),
    });
  const shown = question.answers.filter((post) => !post.hiddenAt);
  const accepted = shown.filter((post) => post.isAccepted);
  const suggested = shown.filter((post) => !post.isAccepted);
  const node: QAPage = {
    '@type': 'QAPage',
    '@id': url,
    url,
    name: question.title,
    mainEntity: defined<Question>({
      '@type': 'Question',
      name: question.title,
      text: plainText(question.bodyHtml) || undefined,
      dateCreated: question.createdAt,
      author: person(question.author),
      answerCount: question.answerCount,
      upvoteCount: question.score,
      acceptedAnswer: accepted.length ? accepted.map(answer) : undefined,
      suggestedAnswer: suggested.length ? suggested.map(answer) : undefined,
    }),
  };
  const trail = breadcrumb([
    { name: options.homeName, url: `${options.origin}/` },
    { name: options.breadcrumbName, url: `${options.origin}/entraide` },
    { name: question.title, url },
  ]);
  return { '@graph': [node, trail] };
}

export interface ResourceForJsonLd {
  slug: string;
  title: string;
  summary: string;
  contentHtml: string;
  publishedAt: string;
  updatedAt: string;
  themes: string[];
  publics: string[];
  tags: Array<{ label: string }>;
  authors: Array<{ displayName: string }>;
  files: Array<{ name: string; contentType: string; size: number; url: string }>;
  hiddenAt?: string | null;
}

/**
 * A resource of the Ressources section as schema.org `LearningResource`: its name, summary, dates,
 * authors, licence (an address), kind and levels (in the reader's words, given by the page), themes
 * (`about`), publics (`audience`), tags (`keywords`) and each file as an `encoding` (`MediaObject`).
 */
export function resourceJsonLd(
  resource: ResourceForJsonLd,
  options: {
    origin: string;
    breadcrumbName: string;
    homeName: string;
    kindName: string;
    licenceUrl: string | null;
    levelNames: string[];
  },
): JsonLdGraph {
  const url = `${options.origin}/ressources/${resource.slug}`;
  const node = defined<LearningResource>({
    '@type': 'LearningResource',
    '@id': url,
    url,
    name: resource.title,
    description: resource.summary || plainText(resource.contentHtml).slice(0, 300) || undefined,
    datePublished: resource.publishedAt,
    dateModified: resource.updatedAt,
    inLanguage: 'fr',
    isAccessibleForFree: true,
    learningResourceType: options.kindName,
    educationalLevel: options.levelNames.length ? options.levelNames : undefined,
    license: options.licenceUrl ?? undefined,
    author: resource.authors.length ? resource.authors.map(person) : undefined,
    about: resource.themes.length ? resource.themes.map((name) => ({ '@type': 'Thing' as const, name })) : undefined,
    audience: resource.publics.length
      ? resource.publics.map((audienceType) => ({ '@type': 'Audience' as const, audienceType }))
      : undefined,
    keywords: resource.tags.length ? resource.tags.map((tag) => tag.label).join(', ') : undefined,
    encoding: resource.files.length
      ? resource.files.map((file): MediaObject => ({
          '@type': 'MediaObject',
          name: file.name,
          contentUrl: new URL(file.url, options.origin).href,
          encodingFormat: file.contentType,
          contentSize: `${file.size} B`,
        }))
      : undefined,
  });
  const trail = breadcrumb([
    { name: options.homeName, url: `${options.origin}/` },
    { name: options.breadcrumbName, url: `${options.origin}/ressources` },
    { name: resource.title, url },
  ]);
  return { '@graph': [node, trail] };
}
