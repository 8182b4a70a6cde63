/** The pages every public service publishes (footer): mentions légales, conditions, confidentialité, accessibilité, aide; offline notice. */
export const fr = {
  'informations.footerLabel': 'Informations sur le site',
  'informations.legal': 'Mentions légales',
  'informations.terms': 'Conditions d’utilisation',
  'informations.privacy': 'Confidentialité',
  'informations.privacyTitle': 'Politique de confidentialité',
  'informations.accessibility': 'Accessibilité : partiellement conforme',
  'informations.accessibilityTitle': 'Déclaration d’accessibilité',
  'informations.help': 'Aide',
  'informations.helpTitle': 'Aide : utiliser Maillage pas à pas',
  'informations.frenchOnly': '',
  'informations.notSet': 'Non renseigné : l’exploitant du site doit l’indiquer (variable {variable}).',
  'informations.offline': 'Vous êtes hors ligne : cette page date du {date}. Elle sera mise à jour quand la connexion reviendra.',
  'informations.offlineNoDate':
    'Vous êtes hors ligne : cette page a été enregistrée lors de votre dernière visite. Elle sera mise à jour quand la connexion reviendra.',
  'informations.offlineMissing': 'Vous êtes hors ligne et cette page n’a pas été enregistrée. Réessayez quand la connexion reviendra.',
};

export const en: Record<keyof typeof fr, string> = {
  'informations.footerLabel': 'About this site',
  'informations.legal': 'Legal notice',
  'informations.terms': 'Terms of use',
  'informations.privacy': 'Privacy',
  'informations.privacyTitle': 'Privacy policy',
  'informations.accessibility': 'Accessibility: partially compliant',
  'informations.accessibilityTitle': 'Accessibility statement',
  'informations.help': 'Help',
  'informations.helpTitle': 'Help: using Maillage step by step',
  'informations.frenchOnly': 'This page is written in French, the language of the service; it is binding in French.',
  'informations.notSet': 'Not set: the site’s operator must fill it in (variable {variable}).',
  'informations.offline': 'You are offline: this page dates from {date}. It will be updated when the connection comes back.',
  'informations.offlineNoDate':
    'You are offline: this page was saved during your last visit. It will be updated when the connection comes back.',
  'informations.offlineMissing': 'You are offline and this page was not saved. Try again when the connection comes back.',
};
