import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The English interface texts of the installed Strapi admin that an editor can meet, read from
 * the packages themselves (their en.json and the defaultMessage beside each id in the code), so
 * that a Strapi upgrade that adds or renames a text is noticed by the tests
 * (adminTranslations.int.test.ts, and the browser test that looks for English on the editor's pages).
 */

// The plugins whose screens editors use, and the prefix their message ids carry.
const PACKAGES = { admin: '', 'content-manager': 'content-manager.', upload: 'upload.', i18n: 'i18n.' } as const;

// Texts of screens and features an editor never sees: settings, roles and tokens, the
// content-type builder, marketplace and plugins, Strapi's tours, surveys, licences and trials.
const NOT_FOR_EDITORS = [
  /^Settings\.(?!profile|sessions|application\.(title|description|strapi-version|strapiVersion|node-version|plan-title|link-pricing|get-help|details))/,
  /^app\.components\.(FreeTrial|GuidedTour|NpsSurvey|UpsellBanner|InstallPluginPage|ListPluginsPage|PluginCard|listPlugins|Official|ComingSoonPage|EmptyAttributes|Users|Onboarding)/,
  /^tours\.(?!profile)/,
  /^Usecase/,
  /^(Content Type Builder|Documentation|Email|Users & Permissions|Roles & Permissions|Provider|Role|Roles|Users|ResetPasswordToken)$/,
  /^Analytics/,
  /^notification\.ee\./,
  /^i18n\.Settings\./,
  /^upload\.settings\./,
  /^widget\.(deploy-now|key-statistics|last-activity)/,
];

export const isForEditors = (id: string) => !NOT_FOR_EDITORS.some((pattern) => pattern.test(id));

const strapiRequire = createRequire(createRequire(import.meta.url).resolve('@strapi/strapi/package.json'));
const packageDir = (name: string) => path.dirname(strapiRequire.resolve(`@strapi/${name}/package.json`));

const translationsDir = (name: string) =>
  path.join(packageDir(name), 'dist', 'admin', ...(name === 'admin' ? ['admin', 'src', 'translations'] : ['translations']));

const loadJsonModule = (file: string): Record<string, string> => {
  const loaded = strapiRequire(file) as { default?: Record<string, string> } & Record<string, string>;
  return loaded.default ?? loaded;
};

/** The English messages an editor can meet: id → English text. */
export const englishMessages = (): Map<string, string> => {
  const messages = new Map<string, string>();
  for (const [name, prefix] of Object.entries(PACKAGES)) {
    const english = loadJsonModule(path.join(translationsDir(name), 'en.json.js'));
    for (const [id, text] of Object.entries(english)) messages.set(prefix + id, text);
    // Ids used in the code with a defaultMessage but missing from en.json.
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'translations' && entry.name !== 'tests') walk(file);
        } else if (entry.name.endsWith('.mjs')) {
          const code = readFileSync(file, 'utf8');
          const pattern = /id:\s*(getTranslation\(\s*|getTrad\(\s*)?(['"`])([^'"`$]+)\2\s*\)?\s*,\s*defaultMessage:\s*(['"`])((?:\\.|(?!\4).)*)\4/gs;
          for (const match of code.matchAll(pattern)) {
            const id = (match[1] ? prefix : '') + (match[3] ?? '');
            if (!messages.has(id)) messages.set(id, (match[5] ?? '').replace(/\\(.)/g, '$1'));
          }
        }
      }
    };
    walk(path.join(packageDir(name), 'dist', 'admin'));
  }
  return new Map([...messages].filter(([id]) => isForEditors(id)));
};
