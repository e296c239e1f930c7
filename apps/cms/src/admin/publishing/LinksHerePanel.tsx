import { DOCUMENT_PAGE_TYPES } from '@malardalsradet/site-contract/sitePaths';
import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import type { LinksToAnswer } from '../../publishing/whoLinksHere';
import type { PanelComponent } from '../history/contentManager';
import { languageName } from '../history/messages';

// The site's types that have pages: the others have no address to link to.
export const PAGE_TYPES = new Set<string>(DOCUMENT_PAGE_TYPES);

export const LinksHere = ({ model, documentId }: { model: string; documentId: string }) => {
  const { get } = useFetchClient();
  const [answer, setAnswer] = useState<LinksToAnswer | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let active = true;
    get<LinksToAnswer>(`/publishing/links-to/${encodeURIComponent(model)}/${encodeURIComponent(documentId)}`)
      .then(({ data }) => active && setAnswer(data))
      .catch(() => active && setFailed(true));
    return () => {
      active = false;
    };
  }, [get, model, documentId]);
  if (failed) return <Typography textColor="danger600">Det gick inte att se vilka sidor som länkar hit.</Typography>;
  if (!answer) return <Typography role="status">Söker länkar …</Typography>;
  if (answer.paths.length === 0) return <Typography>Sidan är inte publicerad; inga sidor kan länka hit.</Typography>;
  if (answer.data.length === 0) return <Typography>Inga publicerade sidor länkar hit.</Typography>;
  const count = answer.data.length;
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Box background="warning100" borderColor="warning200" padding={3} hasRadius role="status">
        <Typography tag="p" fontWeight="bold">
          {count === 1 ? '1 sida länkar hit' : `${count} sidor länkar hit`}
        </Typography>
        <Typography tag="p">Avpublicerar eller tar du bort sidan leder länkarna ingenstans. Ändra dem först.</Typography>
      </Box>
      <ul>
        {answer.data.map((page) => (
          <li key={`${page.uid}:${page.documentId}:${page.locale}:${page.linksTo}`}>
            <Typography>
              <Link tag={RouterLink} to={page.editPath}>
                {page.title}
              </Link>
              {` (${page.type}, ${languageName(page.locale)}) länkar till ${page.linksTo}`}
            </Typography>
          </li>
        ))}
      </ul>
    </Flex>
  );
};

/**
 * "Länkar hit" beside a document: the published pages whose text links to it (src/publishing/
 * whoLinksHere.ts), so that an editor about to unpublish or delete it sees what would break,
 * with the number first ("3 sidor länkar hit"). Strapi's own unpublish and delete dialogs take no
 * content of ours.
 */
export const LinksHerePanel: PanelComponent = ({ model, document }) => {
  const documentId = typeof document?.documentId === 'string' ? document.documentId : undefined;
  if (!documentId || !PAGE_TYPES.has(model)) return null;
  return { title: 'Länkar hit', content: <LinksHere model={model} documentId={documentId} /> };
};
