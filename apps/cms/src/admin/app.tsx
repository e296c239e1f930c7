import { Earth } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';

// The admin's own key for the interface language (see @strapi/admin's reducer).
const LANGUAGE_KEY = 'strapi-admin-language';

// The admin opens in Swedish: Mälardalsrådet's editors work in Swedish. English stays available
// in each user's profile settings, and a language chosen there (or before) is kept.
export default {
  config: {
    locales: ['sv'],
    // No product tours or release news: editors get the editor's guide (docs/redaktorsguide.md).
    tutorials: false,
    notifications: { releases: false },
    translations: {
      sv: {
        'Auth.form.welcome.title': 'Välkommen till Mälardalsrådets webbredaktion',
        'Auth.form.welcome.subtitle': 'Logga in med ditt redaktörskonto',
        'site-status.widget.title': 'Webbplatsen',
      },
    },
  },
  register(app: StrapiApp) {
    if (!window.localStorage.getItem(LANGUAGE_KEY)) window.localStorage.setItem(LANGUAGE_KEY, 'sv');

    // Editors see on the start page whether their last publish is live, still building, or failed.
    app.widgets.register({
      id: 'site-status',
      icon: Earth,
      title: { id: 'site-status.widget.title', defaultMessage: 'Webbplatsen' },
      component: async () => (await import('./SiteStatusWidget')).SiteStatusWidget,
    });
  },
  bootstrap() {},
};
