/** The agenda on the fediverse: "Suivis sur d'autres instances". */
export const fr = {
  'federation.title': 'Suivis sur d’autres instances',
  'federation.intro':
    'Les événements publiés sur d’autres sites du fédivers (Mobilizon, Gancio, d’autres Maillage…) par les comptes que suivent les organisations d’ici.',
  'federation.off': 'La fédération n’est pas activée sur ce site : il ne reçoit rien des autres instances.',
  'federation.handleHint':
    'Sur le fédivers, chaque organisation d’ici se suit avec son adresse : {example}. Ses événements publics y sont envoyés à ceux qui la suivent.',
  'federation.events': 'Événements reçus',
  'federation.noEvents': 'Aucun événement à venir reçu pour l’instant.',
  'federation.by': 'Publié par {name}',
  'federation.where': 'Lieu : {place}',
  'federation.open': 'Voir « {name} » sur son site',
  'federation.next': 'Événements suivants',
  'federation.follow': 'Suivre un compte d’une autre instance',
  'federation.followIntro':
    'Ses événements arriveront ici. Vous suivez au nom d’une organisation dont vous êtes administrateur ou administratrice.',
  'federation.organization': 'Au nom de',
  'federation.handle': 'Adresse du compte',
  'federation.handleFieldHint': 'Par exemple @collectif@mobilizon.fr',
  'federation.submit': 'Suivre',
  'federation.followed': 'Demande envoyée : les événements arriveront dès que l’autre instance l’aura acceptée.',
  'federation.followings': 'Comptes suivis par {name}',
  'federation.noFollowings': 'Aucun compte suivi.',
  'federation.accepted': 'suivi',
  'federation.pending': 'en attente d’acceptation',
  'federation.unfollow': 'Ne plus suivre {handle}',
  'federation.unfollowed': 'Vous ne suivez plus ce compte.',
  'federation.signIn': 'Connectez-vous pour suivre un compte au nom de votre organisation.',
};

export const en: Record<keyof typeof fr, string> = {
  'federation.title': 'Followed on other instances',
  'federation.intro':
    'Events published on other fediverse sites (Mobilizon, Gancio, other Maillage sites…) by the accounts this site’s organizations follow.',
  'federation.off': 'Federation is not turned on on this site: it receives nothing from other instances.',
  'federation.handleHint':
    'On the fediverse, each organization here is followed at its address: {example}. Its public events are sent to those who follow it.',
  'federation.events': 'Events received',
  'federation.noEvents': 'No upcoming event received yet.',
  'federation.by': 'Published by {name}',
  'federation.where': 'Place: {place}',
  'federation.open': 'See “{name}” on its site',
  'federation.next': 'Next events',
  'federation.follow': 'Follow an account of another instance',
  'federation.followIntro': 'Its events will arrive here. You follow on behalf of an organization you are an admin of.',
  'federation.organization': 'On behalf of',
  'federation.handle': 'Account address',
  'federation.handleFieldHint': 'For example @collectif@mobilizon.fr',
  'federation.submit': 'Follow',
  'federation.followed': 'Request sent: events will arrive once the other instance has accepted it.',
  'federation.followings': 'Accounts followed by {name}',
  'federation.noFollowings': 'No account followed.',
  'federation.accepted': 'followed',
  'federation.pending': 'waiting for acceptance',
  'federation.unfollow': 'Stop following {handle}',
  'federation.unfollowed': 'You no longer follow this account.',
  'federation.signIn': 'Sign in to follow an account on behalf of your organization.',
};
