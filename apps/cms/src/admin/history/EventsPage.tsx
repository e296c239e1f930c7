import { Box, Button, Field, Flex, Link, SingleSelect, SingleSelectOption, Table, Tbody, Td, TextInput, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState, type FormEvent } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router-dom';

import { editViewPath, eventsPath, SITE_EVENT_TYPES, type SiteEvent, type SiteEventsAnswer } from './api';
import { ColumnHeads } from '../ColumnHeads';
import { errorMessage } from './errors';
import { historyPagePath } from './HistoryAction';
import { eventName, formatWhen, languageName, useText } from './messages';

interface ContentTypeInfo {
  uid: string;
  kind: 'collectionType' | 'singleType';
  info: { displayName: string };
}

const ALL = 'all';

/** The content types' names and kinds, to name a document's type and link to its edit view. */
const useContentTypes = () => {
  const { get } = useFetchClient();
  const [types, setTypes] = useState<Record<string, ContentTypeInfo>>({});
  useEffect(() => {
    let active = true;
    get<{ data: { contentTypes: ContentTypeInfo[] } }>('/content-manager/init')
      .then(({ data }) => active && setTypes(Object.fromEntries(data.data.contentTypes.map((type) => [type.uid, type]))))
      // Without them the list still shows every event, without the type's name or a link.
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [get]);
  return types;
};

const What = ({ event, types, text }: { event: SiteEvent; types: Record<string, ContentTypeInfo>; text: ReturnType<typeof useText> }) => {
  const name = event.label || event.documentId || '';
  const type = event.contentType ? types[event.contentType] : undefined;
  const prefix = type ? `${type.info.displayName}: ` : '';
  if (!type || !event.documentId) return <Typography>{`${prefix}${name}`}</Typography>;
  const collectionType = type.kind === 'singleType' ? 'single-types' : 'collection-types';
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Typography>
        {prefix}
        {/* A deleted document has no edit view to open, only its history (where it can be restored). */}
        {event.type === 'delete' ? (
          name
        ) : (
          <Link tag={RouterLink} to={editViewPath(collectionType, type.uid, event.documentId, event.locale)}>
            {name}
          </Link>
        )}
      </Typography>
      <Link
        tag={RouterLink}
        to={historyPagePath(collectionType, type.uid, event.documentId, event.locale)}
        aria-label={text('events.history', { title: name })}
      >
        {text('history.action')}
      </Link>
    </Flex>
  );
};

/** "Händelser": what happened across the site, newest first, by editor, type and day. */
export const EventsPage = () => {
  const text = useText();
  const { get } = useFetchClient();
  const types = useContentTypes();
  const [search, setSearch] = useSearchParams();
  const filters = {
    by: search.get('by') ?? '',
    type: search.get('type') ?? '',
    day: search.get('day') ?? '',
    page: Number(search.get('page') ?? '1') || 1,
  };
  const [by, setBy] = useState(filters.by);
  const [type, setType] = useState(filters.type);
  const [day, setDay] = useState(filters.day);
  const [answer, setAnswer] = useState<SiteEventsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const path = eventsPath(filters);
  // The fields follow the address: a name clicked in the list, the browser's back button.
  useEffect(() => {
    setBy(filters.by);
    setType(filters.type);
    setDay(filters.day);
  }, [filters.by, filters.type, filters.day]);

  useEffect(() => {
    let active = true;
    setAnswer(null);
    setError(null);
    get<SiteEventsAnswer>(path)
      .then(({ data }) => active && setAnswer(data))
      .catch((failure: unknown) => active && setError(errorMessage(failure)));
    return () => {
      active = false;
    };
  }, [get, path]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (by.trim()) next.set('by', by.trim());
    if (type) next.set('type', type);
    if (day) next.set('day', day);
    setSearch(next);
  };
  const clear = () => {
    setBy('');
    setType('');
    setDay('');
    setSearch(new URLSearchParams());
  };
  const goTo = (page: number) => {
    const next = new URLSearchParams(search);
    if (page > 1) next.set('page', String(page));
    else next.delete('page');
    setSearch(next);
  };

  const pagination = answer?.meta;
  const events = answer?.data ?? [];
  return (
    <Page.Main>
      <Page.Title>{text('events.title')}</Page.Title>
      <Layouts.Header title={text('events.title')} subtitle={text('events.intro')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box tag="form" onSubmit={apply} aria-label={text('events.filters')} background="neutral0" padding={4} hasRadius shadow="tableShadow">
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Field.Root name="by" hint={text('events.filter.by.hint')}>
                <Field.Label>{text('events.filter.by')}</Field.Label>
                <TextInput value={by} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setBy(event.target.value)} />
                <Field.Hint />
              </Field.Root>
              <Field.Root name="type">
                <Field.Label>{text('events.filter.type')}</Field.Label>
                {/* "All" is an option of its own: the select shows an empty value as its placeholder, not as a choice. */}
                <SingleSelect value={type || ALL} onChange={(value: string | number) => setType(value === ALL ? '' : String(value))}>
                  <SingleSelectOption value={ALL}>{text('events.filter.type.all')}</SingleSelectOption>
                  {SITE_EVENT_TYPES.map((candidate) => (
                    <SingleSelectOption key={candidate} value={candidate}>
                      {eventName(text, candidate)}
                    </SingleSelectOption>
                  ))}
                </SingleSelect>
              </Field.Root>
              <Field.Root name="day">
                <Field.Label>{text('events.filter.day')}</Field.Label>
                <TextInput type="date" value={day} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setDay(event.target.value)} />
              </Field.Root>
              <Button type="submit">{text('events.filter.apply')}</Button>
              <Button type="button" variant="tertiary" onClick={clear}>
                {text('events.filter.clear')}
              </Button>
            </Flex>
          </Box>
          {error ? (
            <Typography textColor="danger600" role="alert">
              {text('events.error', { error })}
            </Typography>
          ) : !answer ? (
            <Typography role="status">{text('events.loading')}</Typography>
          ) : events.length === 0 ? (
            <Typography role="status">{text('events.empty')}</Typography>
          ) : (
            <Table colCount={5} rowCount={events.length + 1} aria-label={text('events.title')}>
              <ColumnHeads
                headings={['history.column.when', 'history.column.by', 'history.column.event', 'events.column.what', 'history.column.language'].map(
                  (column) => text(column),
                )}
              />
              <Tbody>
                {events.map((event) => (
                  <Tr key={event.id}>
                    <Td>
                      <Typography>
                        <time dateTime={event.at}>{formatWhen(event.at)}</time>
                      </Typography>
                    </Td>
                    <Td>
                      <Link tag={RouterLink} to={`?${new URLSearchParams({ by: event.by })}`} aria-label={text('events.by', { name: event.by })}>
                        {event.by}
                      </Link>
                    </Td>
                    <Td style={{ whiteSpace: 'normal' }}>
                      <Typography>{eventName(text, event.type)}</Typography>
                      {/* The scheduling's events say what, when and why (src/scheduling/). */}
                      {event.detail ? (
                        <Typography tag="p" variant="pi" textColor="neutral600">
                          {event.detail}
                        </Typography>
                      ) : null}
                    </Td>
                    <Td>
                      <What event={event} types={types} text={text} />
                    </Td>
                    <Td>
                      <Typography>{languageName(event.locale)}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
          {pagination?.pageCount && pagination.pageCount > 1 ? (
            <Flex
              gap={3}
              justifyContent="flex-end"
              tag="nav"
              aria-label={text('events.page', { page: pagination.page, count: pagination.pageCount })}
            >
              <Button variant="tertiary" disabled={pagination.page <= 1} onClick={() => goTo(pagination.page - 1)}>
                {text('events.previous')}
              </Button>
              <Typography>{text('events.page', { page: pagination.page, count: pagination.pageCount })}</Typography>
              <Button variant="tertiary" disabled={pagination.page >= pagination.pageCount} onClick={() => goTo(pagination.page + 1)}>
                {text('events.next')}
              </Button>
            </Flex>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default EventsPage;
