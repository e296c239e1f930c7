/**
 * What editors see in the admin: a Swedish label and a description per field, saying what the
 * field is for and where it shows on the site, plus the list view's columns.
 */
export interface FieldText {
  label: string;
  description: string;
}

export interface EditorLayout {
  /** The field that names an entry in lists and relation pickers. */
  mainField: string;
  /** Columns of the list view, in order (Strapi adds the locale and status columns itself). */
  listColumns?: string[];
  /** The edit view's fields, row by row, sharing each row's width equally (else Strapi's own layout). */
  editRows?: string[][];
  /** The list view's order, when not by the main field. */
  defaultSort?: { field: string; order: 'ASC' | 'DESC' };
  fields: Record<string, FieldText>;
}

const seo: FieldText = {
  label: 'Sökmotorer och delning',
  description: 'Titel och beskrivning för sökresultat och delning i sociala medier. Lämnas de tomma används sidans rubrik och sammanfattning.',
};

export const contentTypeLabels: Record<string, EditorLayout> = {
  'api::organisation.organisation': {
    mainField: 'name',
    fields: {
      name: { label: 'Namn', description: 'Organisationens namn, visas i sidhuvudet och som startsidans rubrik.' },
      lead: { label: 'Ingress', description: 'Kort inledning överst på startsidan. Högst 600 tecken.' },
      about: { label: 'Om oss', description: 'Vilka vi är och vilka medlemmarna är. Visas på startsidan under ingressen.' },
      mission: { label: 'Uppgift', description: 'Mälardalsrådets uppgift. Visas på startsidan under rubriken Vårt uppdrag.' },
      context: { label: 'Omvärld', description: 'Trender och utmaningar som arbetet utgår från. Visas på startsidan.' },
      contact: { label: 'Kontakt', description: 'Kontaktuppgifter längst ned på startsidan. Tomma fält visas inte.' },
      members: { label: 'Medlemmar', description: 'Kommuner och regioner som är medlemmar, med länk till deras webbplats.' },
      seo,
    },
  },
  'api::accessibility-statement.accessibility-statement': {
    mainField: 'title',
    fields: {
      title: { label: 'Rubrik', description: 'Sidans rubrik, till exempel ”Tillgänglighet för malardalsradet.se”.' },
      intro: { label: 'Inledning', description: 'Vem som står bakom webbplatsen och vad redogörelsen handlar om.' },
      complianceStatus: {
        label: 'Förenlighet med lagen',
        description:
          'Hur väl webbplatsen uppfyller lagen om tillgänglighet till digital offentlig service: helt (full), delvis (partial) eller inte (none). Visas som en mening på sidan.',
      },
      shortcomings: { label: 'Kända brister', description: 'Innehåll som inte är tillgängligt och varför. Digg kräver att kända brister redovisas.' },
      assessment: {
        label: 'Så har vi testat',
        description: 'Hur webbplatsen har granskats (självskattning eller extern granskning) och med vilka metoder.',
      },
      assessedOn: { label: 'Granskad', description: 'Datum för den senaste granskningen.' },
      feedback: { label: 'Rapportera brister', description: 'Hur besökare meddelar brister eller ber om innehåll i annat format.' },
      feedbackEmail: {
        label: 'E-post för synpunkter',
        description: 'Adress dit besökare kan skicka synpunkter om tillgängligheten. Visas som länk när den är ifylld.',
      },
      complaintUrl: { label: 'Länk till Diggs anmälningsformulär', description: 'Diggs formulär för att anmäla bristande tillgänglighet.' },
      seo,
    },
  },
  'api::goal.goal': {
    mainField: 'title',
    listColumns: ['order', 'title'],
    fields: {
      title: { label: 'Rubrik', description: 'Inriktningsmålets namn, visas som rubrik på startsidan och sidan Inriktningsmål.' },
      description: { label: 'Beskrivning', description: 'Vad målet innebär. Visas under rubriken.' },
      order: { label: 'Ordning', description: 'Målen visas i stigande ordning (1 först). Gemensamt för alla språk.' },
    },
  },
  'api::report.report': {
    mainField: 'title',
    // The title carries the year; the year column alone would be shown as "2 018" in Swedish.
    listColumns: ['title'],
    fields: {
      title: { label: 'Rubrik', description: 'Till exempel ”Verksamhetsberättelse 2017”. Sidans rubrik och länktext.' },
      year: {
        label: 'År',
        description: 'Året som berättelsen gäller. Bestämmer sidans adress (/verksamhetsberattelser/år). Ett år får bara ha en berättelse.',
      },
      summary: {
        label: 'Sammanfattning',
        description: 'Ett par meningar som visas i listan över verksamhetsberättelser och som sidans beskrivning.',
      },
      body: { label: 'Innehåll', description: 'Berättelsens text. Använd rubriker i ordning och beskrivande länktexter.' },
      document: { label: 'Dokument (PDF)', description: 'Hela verksamhetsberättelsen som PDF. Länkas från sidan med filtyp och storlek.' },
      seo,
    },
  },
  'api::plan.plan': {
    mainField: 'title',
    listColumns: ['title'],
    fields: {
      title: { label: 'Rubrik', description: 'Till exempel ”Verksamhetsplan 2018”. Sidans rubrik och länktext.' },
      year: { label: 'År', description: 'Året som planen gäller. Bestämmer sidans adress (/verksamhetsplaner/år). Ett år får bara ha en plan.' },
      summary: { label: 'Sammanfattning', description: 'Ett par meningar som visas i listan över verksamhetsplaner och som sidans beskrivning.' },
      body: { label: 'Innehåll', description: 'Planens text. Visas före listan över prioriterade områden.' },
      priorityAreas: { label: 'Prioriterade områden', description: 'Årets prioriterade områden, i den ordning de ska visas.' },
      document: { label: 'Dokument (PDF)', description: 'Hela verksamhetsplanen som PDF. Länkas från sidan med filtyp och storlek.' },
      seo,
    },
  },
  'api::priority-area.priority-area': {
    mainField: 'title',
    listColumns: ['order', 'title', 'plan'],
    fields: {
      title: { label: 'Rubrik', description: 'Områdets namn. Visas i planen och som rubrik på områdets egen sida.' },
      slug: {
        label: 'Adress',
        description:
          'Sidans adress (/prioriterade-omraden/adress/). Skapas från rubriken, högst 80 tecken. Ändras den efter publicering leder den gamla adressen vidare till den nya.',
      },
      summary: { label: 'Sammanfattning', description: 'Vad som ska göras inom området. Visas i planen under rubriken.' },
      description: { label: 'Beskrivning', description: 'Mer om området. Visas på områdets egen sida.' },
      plan: { label: 'Verksamhetsplan', description: 'Planen som området hör till.' },
      order: { label: 'Ordning', description: 'Områdena visas i stigande ordning (1 först). Gemensamt för alla språk.' },
    },
  },
  // Readers write these through the site's form; editors only mark them handled (src/access/editorRole.ts).
  'api::feedback.feedback': {
    // The entry's heading: the first words of the message (the message may run to thousands of
    // characters; the page, earlier, read as a URL path, not as what the reader said).
    mainField: 'title',
    // When it came first (newest first), then what it says; the technical submission id last.
    listColumns: ['createdAt', 'title', 'page', 'handled'],
    editRows: [['message'], ['page', 'replyTo'], ['language', 'handled'], ['submissionId']],
    defaultSort: { field: 'createdAt', order: 'DESC' },
    fields: {
      title: { label: 'Rubrik', description: 'Meddelandets första ord, som rubrik i listan. Sätts när synpunkten kommer in.' },
      message: { label: 'Meddelande', description: 'Vad läsaren skrev, ordagrant. Visas som ren text; länkar och kod i texten är inte klickbara.' },
      page: { label: 'Sida', description: 'Sidan som synpunkten gäller, som läsaren angav den.' },
      replyTo: { label: 'Svara till', description: 'Läsarens e-postadress, om läsaren vill ha svar. Används bara för att svara.' },
      language: { label: 'Språk', description: 'Formulärets språk: sv (svenska) eller en (engelska).' },
      handled: {
        label: 'Hanterad',
        description: 'Markera när synpunkten är omhändertagen. Nya synpunkter räknas på startsidan tills de är hanterade.',
      },
      submissionId: { label: 'Inlämnings-id', description: 'Webbplatsens id för inlämningen; gör att samma synpunkt bara sparas en gång.' },
      createdAt: { label: 'Mottagen', description: 'När synpunkten kom in. Gamla synpunkter raderas automatiskt (normalt efter 12 månader).' },
    },
  },
};

export const componentLabels: Record<string, EditorLayout> = {
  'shared.seo': {
    mainField: 'metaTitle',
    fields: {
      metaTitle: { label: 'Titel för sökmotorer', description: 'Visas som rubrik i sökresultat. Högst 60 tecken.' },
      metaDescription: { label: 'Beskrivning för sökmotorer', description: 'Visas under rubriken i sökresultat. Högst 160 tecken.' },
    },
  },
  'shared.contact': {
    mainField: 'intro',
    fields: {
      intro: { label: 'Inledning', description: 'En mening som uppmanar till kontakt.' },
      email: { label: 'E-post', description: 'Visas som länk. Lämna tomt om den inte ska visas.' },
      phone: { label: 'Telefon', description: 'Visas som länk. Lämna tomt om den inte ska visas.' },
      address: { label: 'Adress', description: 'Postadress. Lämna tomt om den inte ska visas.' },
    },
  },
  'shared.member': {
    mainField: 'name',
    fields: {
      name: { label: 'Namn', description: 'Till exempel ”Region Uppsala” eller ”Västerås stad”.' },
      kind: { label: 'Typ', description: 'Kommun eller region.' },
      url: { label: 'Webbplats', description: 'Adress till medlemmens webbplats, börjar med https://.' },
    },
  },
};
