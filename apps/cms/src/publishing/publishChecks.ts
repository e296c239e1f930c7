import { documentPath, isLocale, LOCALES, type Locale } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { cmsEnv } from '../config/env';
import { componentLabels, contentTypeLabels } from '../editor/fieldLabels';
import { altTextProblems } from './altTextCheck';
import { loadVersion, walkContent, type BlocksImage, type DocumentLink, type Found } from './documentContent';
import { alwaysThere, comparablePath, publishedDocumentPages, sitePathOf, suggestPath } from './internalLinks';

/** One reason a document cannot be published, in Swedish, under the field it concerns when there is one. */
export interface PublishProblem {
  path?: string[];
  message: string;
}

type Json = Record<string, unknown>;

/** The field's Swedish label, from the labels editors see (src/editor/fieldLabels.ts). */
const labelOf = (uid: string, path: string[]): string => {
  const field = path.find((part) => !/^\d+$/.test(part)) ?? '';
  return contentTypeLabels[uid]?.fields[field]?.label ?? field;
};

/** Strapi's validation messages (yup's, in English) said in Swedish. */
const inSwedish = (uid: string, path: string[], message: string): string => {
  const label = labelOf(uid, path);
  const component = path.length > 1 ? Object.values(componentLabels).find((layout) => layout.fields[path.at(-1) ?? '']) : undefined;
  const inner = component?.fields[path.at(-1) ?? '']?.label;
  const field = inner && inner !== label ? `${label} → ${inner}` : label;
  // yup calls a required field that is null a wrong type: "… the final value was: `null`".
  if (/must be defined|is a required field|cannot be null|final value was: `null`/i.test(message))
    return `Fältet "${field}" måste fyllas i innan sidan kan publiceras.`;
  if (/must be unique/i.test(message)) return `Värdet i fältet "${field}" används redan av en annan publicerad sida. Välj ett annat.`;
  if (/at most|max/i.test(message)) return `Fältet "${field}" är för långt eller för stort.`;
  if (/at least|min/i.test(message)) return `Fältet "${field}" är för kort eller för litet.`;
  if (/relation/i.test(message)) return `Fältet "${field}" pekar på något som inte längre finns.`;
  return `Fältet "${field}" har ett värde som inte kan publiceras.`;
};

/**
 * Strapi's own checks of a published version (required fields, lengths, unique values), run on
 * the draft as its publish would run them: the entity validator with `isDraft: false`
 * (core's document-service/entries.js validates the new published entry that way), the
 * document's current published version left out of the unique checks since publishing replaces it.
 */
const strapiProblems = async (
  strapi: Core.Strapi,
  uid: string,
  draft: Json,
  publishedId: number | undefined,
  locale: string,
): Promise<PublishProblem[]> => {
  const model = strapi.getModel(uid as never);
  try {
    // Its runtime takes the entity whose own values the unique checks leave out as a fourth
    // argument (core's services/entity-validator createValidateEntity); its types do not say so.
    const validateCreation = strapi.entityValidator.validateEntityCreation as unknown as (
      model: unknown,
      data: unknown,
      options: { isDraft: boolean; locale: string },
      entity?: { id: number },
    ) => Promise<unknown>;
    await validateCreation(model, draft, { isDraft: false, locale }, publishedId === undefined ? undefined : { id: publishedId });
    return [];
  } catch (error) {
    if (!(error instanceof errors.ValidationError)) throw error;
    const details = (error.details as { errors?: { path?: string[]; message: string }[] } | undefined)?.errors ?? [];
    if (details.length === 0) return [{ message: `Sidan kan inte publiceras: ${inSwedish(uid, [], (error as Error).message)}` }];
    return details.map(({ path = [], message }) => ({ path, message: inSwedish(uid, path, message) }));
  }
};

const linkName = (link: DocumentLink, uid: string, path: string[]): string =>
  link.field ? `Länken i fältet "${labelOf(uid, path)}" (${link.url})` : `Länken "${link.text || link.url}" (${link.url})`;

/** Every link to a page of the site that is not published, with the address it most likely meant. */
const linkProblems = async (
  strapi: Core.Strapi,
  uid: string,
  links: Found<DocumentLink>[],
  ownPath: string | undefined,
): Promise<PublishProblem[]> => {
  const siteUrl = cmsEnv().SITE_URL;
  const toCheck = links.flatMap((found) => {
    const path = sitePathOf(found.value.url, siteUrl);
    return path === undefined ? [] : [{ ...found, sitePath: path }];
  });
  if (toCheck.length === 0) return [];
  const existing = new Set(
    [...(await publishedDocumentPages(strapi)).map((page) => page.path), ...alwaysThere(), ...(ownPath ? [ownPath] : [])].map(comparablePath),
  );
  return toCheck
    .filter(({ sitePath }) => !existing.has(comparablePath(sitePath)))
    .map(({ path, value, sitePath }) => {
      const suggestion = suggestPath(comparablePath(sitePath), existing);
      return {
        path,
        message: `${linkName(value, uid, path)} går till en sida som inte finns på webbplatsen.${suggestion ? ` Menade du ${suggestion}?` : ' Ändra eller ta bort länken.'}`,
      };
    });
};

/**
 * Every reason the current draft of a document in one language cannot be published: Strapi's
 * own validation (required fields, unique values, lengths), images without a text alternative
 * in that language (unless marked decorative), and links to pages of the site that are not
 * published. Empty when it can be. The publish middleware (./publishGuard.ts) refuses a publish
 * with these; scheduled publishing asks the same when a publish is scheduled and when it runs.
 */
export const findPublishProblems = async (strapi: Core.Strapi, uid: string, documentId: string, locale: string): Promise<PublishProblem[]> => {
  const draft = await loadVersion(strapi, uid, documentId, locale, 'draft');
  if (!draft) return [{ message: 'Det finns inget utkast att publicera på det här språket.' }];
  const published = await loadVersion(strapi, uid, documentId, locale, 'published');
  const language: Locale = isLocale(locale) ? locale : LOCALES[0];

  const images: Found<BlocksImage>[] = [];
  const links: Found<DocumentLink>[] = [];
  const files: Found<Json>[] = [];
  walkContent(strapi, uid, draft, {
    image: (found) => images.push(found),
    link: (found) => links.push(found),
    file: (found) => files.push(found),
  });
  const ownPath = documentPath(uid, language, { slug: draft.slug as string | undefined, year: draft.year as number | undefined });

  const [fromStrapi, fromImages, fromLinks] = await Promise.all([
    strapiProblems(strapi, uid, draft, published?.id as number | undefined, locale),
    altTextProblems(strapi, images, files, language),
    linkProblems(strapi, uid, links, ownPath),
  ]);
  // The admin's own publish validation refuses a required text left empty, which the server's
  // validator lets through: a field the editor cleared is saved as "", and a scheduled publish
  // (src/scheduling/) has no form to catch it.
  const model = strapi.getModel(uid as never) as unknown as { attributes: Record<string, { required?: boolean }> };
  const empty = Object.entries(model.attributes)
    .filter(([name, attribute]) => attribute.required && typeof draft[name] === 'string' && draft[name].trim() === '')
    .map(([name]) => ({ path: [name], message: inSwedish(uid, [name], 'is a required field') }));
  const emptyFields = new Set(empty.map((problem) => problem.path[0]));
  return [...empty, ...fromStrapi.filter((problem) => !emptyFields.has(problem.path?.[0] ?? '')), ...fromImages, ...fromLinks];
};
