import { ArrowRight, Calendar, Clock, Earth, Images, Trash } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import type { ComponentType } from 'react';
import type { ContentManagerApis } from './history/contentManager';
import { LIST_VIEW_FILTERS_HOOK, withYesNoFilters } from './feedback/booleanFilters';
import { FeedbackPanel } from './feedback/FeedbackPanel';
import { HistoryAction } from './history/HistoryAction';
import { HistoryPanel } from './history/HistoryPanel';
import { SlugInput } from './addresses/SlugInput';
import { registerEditView } from './editView';
import { IntegerInput } from './IntegerInput';
import { LinksHerePanel } from './publishing/LinksHerePanel';
import { withLinksWarning } from './publishing/linksWarning';
import { SchedulePanel } from './scheduling/SchedulePanel';
import strapiInSwedish from './translations/sv.json';

// The admin's own keys in the browser's storage: the interface language (see @strapi/admin's
// reducer) and the guided tour's state (components/GuidedTour/Context).
const LANGUAGE_KEY = 'strapi-admin-language';
const GUIDED_TOUR_KEY = 'STRAPI_GUIDED_TOUR';

// The admin opens in Swedish: Mälardalsrådet's editors work in Swedish. English stays available
// in each user's profile settings, and a language chosen there (or before) is kept.
export default {
  config: {
    locales: ['sv'],
    // No product tours or release news: editors get the editor's guide (docs/redaktorsguide.md).
    tutorials: false,
    notifications: { releases: false },
    // Everything an editor meets in Swedish: Strapi ships a partial and partly wrong Swedish
    // translation and none for the media library and the languages plugin, so
    // translations/sv.json holds our own for the start page, the content manager, the block
    // editor, the media library, validation and notifications. Keys for screens
    // editors cannot open (settings, roles, the content-type builder) are left to Strapi.
    translations: {
      sv: {
        ...strapiInSwedish,
        'app.components.LeftMenu.navbrand.title': 'Mälardalsrådet',
        'app.components.LeftMenu.navbrand.workplace': 'Webbredaktion',
        'Auth.form.welcome.title': 'Välkommen till Mälardalsrådets webbredaktion',
        'Auth.form.welcome.subtitle': 'Logga in med ditt redaktörskonto',
        'site-status.widget.title': 'Webbplatsen',
        'scheduling.widget.title': 'Kommande publiceringar',
      },
    },
  },
  register(app: StrapiApp) {
    if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'sv');
    // Strapi's guided tour ("Create your schema", "Copy an API token") is for developers setting
    // up a project and runs under `strapi develop`; editors have the editor's guide instead.
    const tour = JSON.parse(window.localStorage.getItem(GUIDED_TOUR_KEY) ?? '{}') as Record<string, unknown>;
    if (tour.enabled !== false) window.localStorage.setItem(GUIDED_TOUR_KEY, JSON.stringify({ ...tour, enabled: false }));

    // Editors see on the start page whether their last publish is live, still building, or
    // failed, and what lacks a language: first, above Strapi's own widgets (a user who
    // rearranges the start page keeps their own order). Strapi's project statistics (counts of
    // content types, administrators, webhooks, API tokens) are for developers, not editors.
    // Strapi's lists of recently edited and published documents take a whole row each, so that
    // their titles can be read and their time column is not cut off (patches/README.md).
    app.widgets.register((widgets) => [
      {
        id: 'site-status',
        icon: Earth,
        title: { id: 'site-status.widget.title', defaultMessage: 'Webbplatsen' },
        component: async () => (await import('./SiteStatusWidget')).SiteStatusWidget,
      },
      // What is scheduled, and what failed: the editor is told here (src/scheduling/).
      {
        id: 'upcoming-publications',
        icon: Calendar,
        title: { id: 'scheduling.widget.title', defaultMessage: 'Kommande publiceringar' },
        component: async () => (await import('./scheduling/UpcomingWidget')).UpcomingWidget,
      },
      ...widgets.filter((widget) => widget.id !== 'key-statistics'),
    ]);

    // Years are shown as years ("2025", not "2 025").
    // (Strapi types the component as taking no props; the content manager gives it the field's.)
    app.addFields({ type: 'integer', Component: IntegerInput as ComponentType });
    // Addresses (a priority area's slug) made from the title, and a word when a published one changes.
    app.addFields({ type: 'uid', Component: SlugInput as ComponentType });

    // "Händelser": what happened across the site, for every admin user (editors included); the
    // history API decides what each may read.
    app.addMenuLink({
      to: 'handelser',
      icon: Clock,
      intlLabel: { id: 'malardalsradet.events.menu', defaultMessage: 'Händelser' },
      permissions: [],
      Component: () => import('./history/EventsPage'),
    });
    // "Oanvända filer": files no document uses, for editors to clear out of the media library
    // (the CMS's /media routes check the media library's own permissions).
    app.addMenuLink({
      to: 'oanvanda-filer',
      icon: Trash,
      intlLabel: { id: 'malardalsradet.unusedFiles.menu', defaultMessage: 'Oanvända filer' },
      permissions: [{ action: 'plugin::upload.read', subject: null }],
      Component: () => import('./media/UnusedFilesPage'),
    });
    // "Omdirigeringar": the site's old addresses and where they lead (src/addresses/), for
    // every admin user; the CMS's route decides who may read it.
    app.addMenuLink({
      to: 'omdirigeringar',
      icon: ArrowRight,
      intlLabel: { id: 'malardalsradet.redirects.menu', defaultMessage: 'Omdirigeringar' },
      permissions: [],
      Component: () => import('./addresses/RedirectsPage'),
    });
    // "Bilder och alternativtexter": each image's alt text in Swedish and English and its
    // decorative mark (the media library's dialog has the Swedish one only); the routes check
    // the media library's permissions.
    app.addMenuLink({
      to: 'bilder-och-alternativtexter',
      icon: Images,
      intlLabel: { id: 'malardalsradet.imageTexts.menu', defaultMessage: 'Bilder och alternativtexter' },
      permissions: [{ action: 'plugin::upload.read', subject: null }],
      Component: () => import('./media/ImageTextsPage'),
    });
    // A document's history in one language, opened from "Historik" in its edit view.
    app.router.addRoute({
      path: 'historik/:collectionType/:model/:documentId',
      lazy: async () => ({ Component: (await import('./history/HistoryPage')).HistoryPage }),
    });
  },
  bootstrap(app: StrapiApp) {
    const contentManager = app.getPlugin('content-manager').apis as unknown as ContentManagerApis;
    // "Historik" in "Fler åtgärder", where Strapi's paid history would be, and as a panel beside
    // the document: the way there, and what a restore brought back.
    contentManager.addDocumentAction((actions) => {
      // Right after Spara: first in the menu at the top (whose actions come later in the list),
      // and first in the menu beside Publicera (whose first two actions are its buttons).
      const update = actions.findIndex((action) => action.type === 'update');
      const position = update === -1 ? actions.length : update + 1;
      // Unpublish and delete name the pages that link to the document in their confirmation.
      const warned = actions.map(withLinksWarning);
      return [...warned.slice(0, position), HistoryAction, ...warned.slice(position)];
    });
    // A reader's feedback: when it came in, and "Svara" when the reader left an address.
    contentManager.addEditViewSidePanel((panels) => [FeedbackPanel, ...panels, SchedulePanel, HistoryPanel, LinksHerePanel]);
    // Yes/no filters read "Hanterad är Nej", not "Hanterad är false".
    app.registerHook(LIST_VIEW_FILTERS_HOOK, withYesNoFilters);
    registerEditView(contentManager);
  },
};
