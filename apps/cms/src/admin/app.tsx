// The admin opens in Swedish: Mälardalsrådet's editors work in Swedish; English stays available
// in each user's profile settings.
export default {
  config: {
    locales: ['sv'],
    translations: {
      sv: {
        'Auth.form.welcome.title': 'Välkommen till Mälardalsrådets webbredaktion',
        'Auth.form.welcome.subtitle': 'Logga in med ditt redaktörskonto',
      },
    },
  },
  bootstrap() {},
};
