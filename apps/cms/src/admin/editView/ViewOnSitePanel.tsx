import { Link, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

import { DOCUMENT_PAGE_TYPES } from '@malardalsradet/site-contract/sitePaths';
import type { SiteLinkAnswer } from '../../editor/editViewRoutes';
import type { EditViewContext, PanelComponent } from '../history/contentManager';

const LANGUAGE_NAMES: Record<string, string> = { sv: 'svenska', en: 'engelska' };

/** The live page of the shown language's published version, asked of the CMS (GET /site-link). */
const ViewOnSite = ({ model, documentId, locale, version }: { model: string; documentId?: string; locale: string; version: string }) => {
  const { get } = useFetchClient();
  const [url, setUrl] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let active = true;
    const query = new URLSearchParams({ uid: model, locale, ...(documentId ? { documentId } : {}) });
    get<SiteLinkAnswer>(`/site-link?${query}`)
      .then(({ data }) => active && setUrl(data.url))
      .catch(() => active && setUrl(null));
    return () => {
      active = false;
    };
    // Asked again after a save, publish or unpublish (the edit view reloads the document then).
  }, [get, model, documentId, locale, version]);

  if (url === undefined) return <Typography>Hämtar …</Typography>;
  if (url === null) return <Typography>Inte publicerad på {LANGUAGE_NAMES[locale] ?? locale} än.</Typography>;
  return (
    <Link href={url} isExternal>
      Visa på webbplatsen
    </Link>
  );
};

/**
 * "Visa på webbplatsen" beside every document of a type with pages of its own: the published
 * page in the language shown, opened in a new tab. Nothing for types without pages (feedback).
 */
export const ViewOnSitePanel: PanelComponent = ({ model, documentId, document, meta, collectionType }: EditViewContext) => {
  if (!document || (collectionType !== 'single-types' && !documentId)) return null;
  if (!(DOCUMENT_PAGE_TYPES as readonly string[]).includes(model)) return null;
  const locale = typeof document.locale === 'string' ? document.locale : 'sv';
  const version = JSON.stringify([document.status, document.updatedAt, meta?.availableStatus]);
  return {
    title: 'Webbplatsen',
    content: <ViewOnSite model={model} documentId={documentId} locale={locale} version={version} />,
  };
};
ViewOnSitePanel.type = 'view-on-site';
