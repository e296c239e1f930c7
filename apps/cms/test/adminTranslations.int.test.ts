import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { englishMessages } from './support/strapiMessages';

// Our Swedish for the admin (src/admin/translations/sv.json) against the installed Strapi: every
// text an editor can meet has a translation, and every translation is a valid ICU message with
// the same placeholders, so that react-intl never falls back to English or shows a raw {name}.
const swedish = JSON.parse(readFileSync(new URL('../src/admin/translations/sv.json', import.meta.url), 'utf8')) as Record<string, string>;

const reactIntl = createRequire(import.meta.url).resolve('react-intl');
const messageFormat = createRequire(reactIntl).resolve('intl-messageformat');
const { parse, TYPE } = createRequire(messageFormat)('@formatjs/icu-messageformat-parser') as {
  parse: (message: string) => unknown[];
  TYPE: Record<string, number>;
};

/** The argument names a message uses (placeholders, plurals, selects, tags), sorted. */
const argumentsOf = (message: string): string[] => {
  const names = new Set<string>();
  const visit = (elements: unknown[]) => {
    for (const element of elements as { type: number; value?: string; options?: Record<string, { value: unknown[] }>; children?: unknown[] }[]) {
      if (element.type !== TYPE.literal && element.type !== TYPE.pound && element.value) names.add(element.value);
      for (const option of Object.values(element.options ?? {})) visit(option.value);
      if (element.children) visit(element.children);
    }
  };
  visit(parse(message));
  return [...names].sort();
};

describe('the admin in Swedish', () => {
  const english = englishMessages();

  it('translates every text of the installed Strapi that an editor can meet', () => {
    const missing = [...english.keys()].filter((id) => !(id in swedish));
    expect(missing).toEqual([]);
    expect(english.size).toBeGreaterThan(1000);
  });

  it('keeps every placeholder of the English message, in valid ICU', () => {
    const wrong: string[] = [];
    for (const [id, text] of Object.entries(swedish)) {
      const source = english.get(id);
      if (source === undefined) continue;
      let sourceArguments: string[];
      try {
        sourceArguments = argumentsOf(source);
      } catch {
        continue; // A few of Strapi's own English messages are not valid ICU; ours must be.
      }
      try {
        if (argumentsOf(text).join() !== sourceArguments.join()) wrong.push(`${id}: ${text}`);
      } catch (error) {
        wrong.push(`${id}: ${(error as Error).message}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says the messages editors asked about in correct Swedish', () => {
    expect(swedish['components.Input.error.validation.maxLength']).toBe('Värdet får vara högst {max} tecken.');
    expect(swedish['components.Input.error.validation.max']).toBe('Värdet får vara högst {max}.');
    expect(swedish['content-manager.containers.List.draft']).toBe('Utkast');
    expect(swedish['content-manager.containers.List.modified']).toBe('Ändrad');
    expect(swedish['content-manager.containers.List.published']).toBe('Publicerad');
    expect(swedish['i18n.CMEditViewBulkLocale.unpublish-title']).toBe('Avpublicera flera språk');
    expect(swedish['i18n.CMEditViewLocalePicker.locale.create']).toBe('Skapa språkversion: <bold>{locale}</bold>');
  });
});
