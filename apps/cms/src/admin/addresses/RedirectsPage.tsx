import { Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import type { FormerAddress, FormerAddressesAnswer } from '@malardalsradet/site-contract';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import { editViewPath } from '../history/api';
import { errorMessage } from '../history/errors';
import { formatWhen, languageName } from '../history/messages';
import { REDIRECTS_TEXT as TEXT } from './texts';

/** The CMS's list (src/addresses/routes.ts): the same the site answers its old addresses from. */
const REDIRECTS_PATH = '/site-addresses';

const Document = ({ entry }: { entry: FormerAddress }) =>
  // A page still published somewhere has an edit view; one that was deleted has none.
  entry.to ? (
    <Link tag={RouterLink} to={editViewPath('collection-types', entry.contentType, entry.documentId, entry.locale)}>
      {entry.title}
    </Link>
  ) : (
    <Typography>{entry.title}</Typography>
  );

/**
 * "Omdirigeringar": every old address of the site and what it answers now (the new address, or
 * "Borttagen"), newest first, for every admin user who may read the site's pages.
 */
export const RedirectsPage = () => {
  const { get } = useFetchClient();
  const [entries, setEntries] = useState<FormerAddress[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    get<FormerAddressesAnswer>(REDIRECTS_PATH)
      .then(({ data }) => active && setEntries(data.data))
      .catch((failure: unknown) => active && setError(errorMessage(failure)));
    return () => {
      active = false;
    };
  }, [get]);

  return (
    <Page.Main>
      <Page.Title>{TEXT.title}</Page.Title>
      <Layouts.Header title={TEXT.title} subtitle={TEXT.intro} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {error ? (
            <Typography textColor="danger600" role="alert">
              {TEXT.error(error)}
            </Typography>
          ) : !entries ? (
            <Typography role="status">{TEXT.loading}</Typography>
          ) : entries.length === 0 ? (
            <Typography role="status">{TEXT.empty}</Typography>
          ) : (
            <Table colCount={5} rowCount={entries.length + 1} aria-label={TEXT.title}>
              <Thead>
                <Tr>
                  {[TEXT.from, TEXT.to, TEXT.since, TEXT.document, TEXT.language].map((column) => (
                    <Th key={column}>
                      <Typography variant="sigma">{column}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {entries.map((entry) => (
                  <Tr key={entry.path}>
                    <Td>
                      <Typography>{entry.path}</Typography>
                    </Td>
                    <Td>{entry.to ? <Typography>{entry.to}</Typography> : <Typography textColor="danger600">{TEXT.gone}</Typography>}</Td>
                    <Td>
                      <Typography>{formatWhen(entry.since)}</Typography>
                    </Td>
                    <Td>
                      <Document entry={entry} />
                    </Td>
                    <Td>
                      <Typography>{languageName(entry.locale)}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default RedirectsPage;
