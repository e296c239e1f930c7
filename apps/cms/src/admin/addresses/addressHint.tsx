import { Typography } from '@strapi/design-system';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@malardalsradet/site-contract/locales';
import { documentPath } from '@malardalsradet/site-contract/sitePaths';
import { useFetchClient, useForm } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';

import { addressHint } from './texts';

/** The fields a page's address is made of, per content type (the site contract's documentPath). */
const ADDRESS_FIELDS: Record<string, string> = {
  'api::priority-area.priority-area': 'slug',
  'api::plan.plan': 'year',
  'api::report.report': 'year',
};

const pathFor = (model: string, locale: Locale, field: string, value: unknown) =>
  documentPath(
    model,
    locale,
    field === 'slug' ? { slug: typeof value === 'string' ? value : null } : { year: typeof value === 'number' ? value : null },
  );

/**
 * The hint under an address field (a priority area's slug, a plan's or report's year) in the
 * edit view of a published page, when the value in the form differs from the published one: the
 * page's address now, and that the old address will lead to the new one once published (the
 * CMS keeps every old address, src/addresses/). Null when there is nothing to say.
 */
export const useAddressHint = (name: string, value: unknown): string | null => {
  // The content manager's edit route: /content-manager/:collectionType/:slug/:id.
  const { slug: model = '', id: documentId } = useParams();
  const [search] = useSearchParams();
  const requested = search.get('plugins[i18n][locale]');
  const locale: Locale = isLocale(requested) ? requested : DEFAULT_LOCALE;
  const field = ADDRESS_FIELDS[model];
  const applies = field === name && !!documentId && documentId !== 'create';
  // A new object whenever the form is loaded again (after a save or a publish): the published value is read again then.
  const initialValues = useForm('AddressHint', (form) => form.initialValues, false);
  const { get } = useFetchClient();
  const [published, setPublished] = useState<unknown>(undefined);

  useEffect(() => {
    if (!applies) return;
    let active = true;
    get<{ data: Record<string, unknown> | null }>(
      `/content-manager/collection-types/${model}/${documentId}?locale=${encodeURIComponent(locale)}&status=published`,
    )
      .then(({ data }) => active && setPublished(data.data?.publishedAt ? data.data[name] : undefined))
      // Not published (or not readable): nothing to warn of.
      .catch(() => active && setPublished(undefined));
    return () => {
      active = false;
    };
  }, [applies, get, model, documentId, locale, name, initialValues]);

  if (!applies || published === undefined || published === null || value === published) return null;
  const before = pathFor(model, locale, name, published);
  if (!before) return null;
  return addressHint(before, pathFor(model, locale, name, value));
};

/** The hint itself, read by screen readers with the field's own hint. */
export const AddressHint = ({ hint }: { hint: string | null }) =>
  hint ? (
    <Typography tag="p" variant="pi" textColor="warning700" role="status" data-address-hint>
      {hint}
    </Typography>
  ) : null;
