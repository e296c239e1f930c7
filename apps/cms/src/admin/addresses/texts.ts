// The texts of the admin's address screens, in Swedish: the editors' language (the admin has no
// other for them). Kept here rather than in translations/sv.json: they are ours, not Strapi's.
export const REDIRECTS_TEXT = {
  menu: 'Omdirigeringar',
  title: 'Omdirigeringar',
  intro:
    'Adresser som webbplatsens sidor har haft. En sida som har fått ny adress leder vidare dit (en läsares bokmärke fungerar); en sida som har avpublicerats eller tagits bort svarar att den är borttagen, med sin rubrik och en sökruta. Listan sköts av sig själv när du publicerar.',
  loading: 'Hämtar omdirigeringarna …',
  empty: 'Inga omdirigeringar ännu: ingen publicerad sida har bytt adress, avpublicerats eller tagits bort.',
  error: (error: string) => `Omdirigeringarna kunde inte hämtas: ${error}`,
  from: 'Från',
  to: 'Till',
  since: 'Sedan',
  document: 'Dokument',
  language: 'Språk',
  gone: 'Borttagen',
};

/** The hint under an address field when it differs from the published one. */
export const addressHint = (published: string, next: string | undefined) =>
  next
    ? `Sidan är publicerad på ${published}. Den gamla adressen kommer att leda vidare till den nya (${next}) när du publicerar.`
    : `Sidan är publicerad på ${published}. Den gamla adressen kommer att leda vidare till den nya när du publicerar.`;
