import { Box, Button, Dialog, Flex, Link, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ArrowLeft, ArrowsCounterClockwise } from '@strapi/icons';
import { Layouts, Page, unstable_useDocument as useDocument, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useParams, useSearchParams } from 'react-router-dom';

import { contentTypeLabels } from '../../editor/fieldLabels';
import { editViewPath, historyPath, restorePath, type HistoryVersion, type RestoreAnswer } from './api';
import { compareFields, textDiff, type Names, type Schema } from './compare';
import { errorMessage } from './errors';
import { eventName, formatWhen, languageName, useText } from './messages';
import { missingList } from './missing';
import { rememberRestore } from './restored';

type Text = ReturnType<typeof useText>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One side of a changed field: the words only this side has are marked (struck out or underlined). */
const Marked = ({ version, current, side, text }: { version: string; current: string; side: 'version' | 'current'; text: Text }) => {
  const parts = textDiff(version, current);
  return (
    <Typography tag="p" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {parts.map((part, index) => {
        if (part.kind === 'same') return <span key={index}>{part.value}</span>;
        if (side === 'version' && part.kind === 'removed') {
          return (
            <Box key={index} tag="del" background="danger100" color="danger700" title={text('history.compare.removed')}>
              {part.value}
            </Box>
          );
        }
        if (side === 'current' && part.kind === 'added') {
          return (
            <Box key={index} tag="ins" background="success100" color="success700" title={text('history.compare.added')}>
              {part.value}
            </Box>
          );
        }
        return null;
      })}
    </Typography>
  );
};

/** The draft's relations, which the content manager sends as counts only, by name. */
const useCurrentRelations = (model: string, documentId: string | undefined, locale: string | null, schema: Schema | undefined) => {
  const { get } = useFetchClient();
  const [relations, setRelations] = useState<Record<string, unknown[]>>({});
  useEffect(() => {
    if (!schema || !documentId) return;
    let active = true;
    const fields = Object.entries(schema.attributes).filter(
      ([, attribute]) => attribute.type === 'relation' && !attribute.relation?.startsWith('morph'),
    );
    void Promise.all(
      fields.map(async ([field]) => {
        const query = new URLSearchParams({ pageSize: '100', status: 'draft', ...(locale ? { locale } : {}) });
        const { data } = await get<{ results?: unknown[] }>(`/content-manager/relations/${model}/${documentId}/${field}?${query}`);
        return [field, data.results ?? []] as const;
      }),
    )
      .then((entries) => active && setRelations(Object.fromEntries(entries)))
      // Without names the comparison still works by reference; nothing to tell the editor.
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [get, model, documentId, locale, schema]);
  return relations;
};

/** Names of related documents and files in the draft, for versions that keep only their references. */
const namesOf = (current: Record<string, unknown>): Names => {
  const names: Names = new Map();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isRecord(value)) return;
    const name = ['title', 'name', 'label'].map((key) => value[key]).find((candidate) => typeof candidate === 'string' && candidate);
    if (typeof name === 'string' && typeof value.documentId === 'string') names.set(value.documentId, name);
    Object.values(value).forEach(visit);
  };
  visit(current);
  return names;
};

interface ComparisonProps {
  model: string;
  version: HistoryVersion;
  schema: Schema;
  components: Record<string, Schema>;
  current: Record<string, unknown>;
  text: Text;
}

const Comparison = ({ model, version, schema, components, current, text }: ComparisonProps) => {
  const rows = useMemo(
    () => (version.data ? compareFields(model, schema, components, version.data, current, namesOf(current)) : []),
    [model, version, schema, components, current],
  );
  const when = formatWhen(version.at);
  if (!version.data) return <Typography>{text('history.compare.no-data')}</Typography>;
  const changed = rows.filter((row) => row.changed).length;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Typography>{text('history.compare.changed', { count: changed })}</Typography>
      <Table colCount={3} rowCount={rows.length + 1} aria-label={text('history.compare.heading', { when })}>
        <Thead>
          <Tr>
            <Th>
              <Typography variant="sigma">{text('history.compare.field')}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{text('history.compare.version', { when })}</Typography>
            </Th>
            <Th>
              <Typography variant="sigma">{text('history.compare.current')}</Typography>
            </Th>
          </Tr>
        </Thead>
        <Tbody>
          {rows.map((row) => (
            <Tr key={row.field} data-changed={row.changed ? 'true' : undefined}>
              <Td style={{ verticalAlign: 'top', width: '16%' }}>
                <Typography fontWeight="bold">{row.label}</Typography>
                {row.changed ? (
                  <Typography tag="p" variant="pi" textColor="warning700">
                    {text('history.compare.differs')}
                  </Typography>
                ) : null}
              </Td>
              {(['version', 'current'] as const).map((side) => {
                const value = side === 'version' ? row.version : row.current;
                return (
                  <Td key={side} style={{ verticalAlign: 'top', width: '42%', whiteSpace: 'normal' }}>
                    {!value ? (
                      <Typography textColor="neutral600">{text('history.compare.empty')}</Typography>
                    ) : row.changed ? (
                      <Marked version={row.version} current={row.current} side={side} text={text} />
                    ) : (
                      <Typography tag="p" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                        {value}
                      </Typography>
                    )}
                  </Td>
                );
              })}
            </Tr>
          ))}
        </Tbody>
      </Table>
    </Flex>
  );
};

/** "Historik": every version of a document in one language, one compared with the draft, and "Återställ". */
export const HistoryPage = () => {
  const text = useText();
  const { collectionType = 'collection-types', model = '', documentId = '' } = useParams();
  const [search] = useSearchParams();
  const locale = search.get('locale');
  const { get, post } = useFetchClient();
  const isSingleType = collectionType === 'single-types';
  const [versions, setVersions] = useState<HistoryVersion[] | null>(null);
  // A document whose last event is its deletion has no draft to read (and the content manager
  // would say "Not Found"): its versions are compared with nothing, and restoring creates it again.
  const deleted = versions?.[0]?.event === 'delete';
  // Single types are read without their documentId: the content manager has one per language.
  const { document, schema, components, isLoading } = useDocument(
    {
      collectionType,
      model,
      documentId: isSingleType ? undefined : documentId,
      params: locale ? { locale } : {},
    },
    { skip: !versions || deleted },
  );
  const relations = useCurrentRelations(model, deleted ? undefined : documentId, locale, schema);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosenId, setChosenId] = useState<HistoryVersion['id'] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [restoreError, setRestoreError] = useState<string | null>(null);
  const comparisonHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let active = true;
    get<{ data: HistoryVersion[] }>(historyPath(model, documentId, locale))
      .then(({ data }) => active && setVersions(data.data))
      .catch((error: unknown) => active && setLoadError(errorMessage(error)));
    return () => {
      active = false;
    };
  }, [get, model, documentId, locale]);

  const chosen = versions?.find((version) => version.id === chosenId) ?? null;
  // Keyboard and screen reader users land on what they chose.
  useEffect(() => {
    if (chosen) comparisonHeading.current?.focus();
  }, [chosen]);

  const layout = contentTypeLabels[model];
  // A deleted document is named as its last version named it.
  const titleIn = (data: Record<string, unknown> | undefined) =>
    layout && typeof data?.[layout.mainField] === 'string' ? (data[layout.mainField] as string) : '';
  const title = titleIn(document) || titleIn(versions?.[0]?.data) || documentId;
  const language = languageName(locale);
  const editPath = editViewPath(collectionType, model, documentId, locale);
  const current = useMemo(() => ({ ...(document ?? {}), ...relations }), [document, relations]);

  const restore = async () => {
    if (!chosen) return;
    setRestoring(true);
    setRestoreError(null);
    try {
      const { data } = await post<{ data: RestoreAnswer }>(restorePath(chosen.id), {});
      rememberRestore({ documentId, locale, when: chosen.at, missing: data.data.missing });
      // A new page load, not a client-side navigation: the edit view must read the restored
      // draft from the CMS, not the copy the admin has cached.
      window.location.assign(`${window.location.pathname.replace(/\/historik\/.*$/, '')}${editPath}`);
    } catch (error) {
      setRestoreError(errorMessage(error));
      setRestoring(false);
      setConfirming(false);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{text('history.title', { title })}</Page.Title>
      <Layouts.Header
        navigationAction={
          deleted ? undefined : (
            <Link tag={RouterLink} to={editPath} startIcon={<ArrowLeft />}>
              {text('history.back')}
            </Link>
          )
        }
        title={text('history.title', { title })}
        subtitle={text('history.intro', { language })}
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          {loadError ? (
            <Typography textColor="danger600" role="alert">
              {text('history.error', { error: loadError })}
            </Typography>
          ) : !versions || isLoading ? (
            <Typography role="status">{text('history.loading')}</Typography>
          ) : versions.length === 0 ? (
            <Typography>{text('history.empty', { language })}</Typography>
          ) : (
            <Box tag="section" aria-labelledby="history-versions">
              <Typography tag="h2" variant="delta" id="history-versions">
                {text('history.versions')}
              </Typography>
              <Box paddingTop={3}>
                <Table colCount={5} rowCount={versions.length + 1}>
                  <Thead>
                    <Tr>
                      {['when', 'by', 'event', 'language', 'choose'].map((column) => (
                        <Th key={column}>
                          <Typography variant="sigma">{text(`history.column.${column}`)}</Typography>
                        </Th>
                      ))}
                    </Tr>
                  </Thead>
                  <Tbody>
                    {versions.map((version) => {
                      const when = formatWhen(version.at);
                      const isChosen = version.id === chosenId;
                      return (
                        <Tr key={version.id} aria-selected={isChosen}>
                          <Td>
                            <Typography>
                              <time dateTime={version.at}>{when}</time>
                            </Typography>
                          </Td>
                          <Td>
                            <Typography>{version.by ?? text('history.unknown-editor')}</Typography>
                          </Td>
                          <Td>
                            <Typography>{eventName(text, version.event)}</Typography>
                          </Td>
                          <Td>
                            <Typography>{languageName(version.locale)}</Typography>
                          </Td>
                          <Td>
                            <Flex gap={2}>
                              <Button
                                variant={isChosen ? 'secondary' : 'tertiary'}
                                aria-pressed={isChosen}
                                aria-label={text('history.choose', { when })}
                                onClick={() => {
                                  setChosenId(version.id);
                                  setRestoreError(null);
                                }}
                              >
                                {text('history.column.choose')}
                              </Button>
                              {version.archiveUrl ? (
                                <Link href={version.archiveUrl} isExternal title={text('history.archive.hint')}>
                                  {text('history.archive')}
                                </Link>
                              ) : null}
                            </Flex>
                          </Td>
                        </Tr>
                      );
                    })}
                  </Tbody>
                </Table>
              </Box>
            </Box>
          )}
          {chosen && schema ? (
            <Box tag="section" aria-labelledby="history-comparison">
              <Flex justifyContent="space-between" alignItems="center" gap={4} wrap="wrap" paddingBottom={3}>
                <Typography tag="h2" variant="delta" id="history-comparison" ref={comparisonHeading} tabIndex={-1}>
                  {text('history.compare.heading', { when: formatWhen(chosen.at) })}
                </Typography>
                {chosen.data ? (
                  <Button startIcon={<ArrowsCounterClockwise />} onClick={() => setConfirming(true)}>
                    {text('history.restore.button', { when: formatWhen(chosen.at) })}
                  </Button>
                ) : null}
              </Flex>
              {restoreError ? (
                <Box paddingBottom={3}>
                  <Typography textColor="danger600" role="alert">
                    {text('history.restore.failed', { error: restoreError })}
                  </Typography>
                </Box>
              ) : null}
              {chosen.missing.length > 0 ? (
                <Box paddingBottom={3}>
                  <Typography tag="p" textColor="danger700">
                    {text('history.compare.missing', { list: missingList(text, model, chosen.missing) })}
                  </Typography>
                </Box>
              ) : null}
              <Comparison model={model} version={chosen} schema={schema} components={components} current={current} text={text} />
            </Box>
          ) : null}
        </Flex>
        <Dialog.Root open={confirming} onOpenChange={(open) => !restoring && setConfirming(open)}>
          <Dialog.Content>
            <Dialog.Header>{text('history.restore.title')}</Dialog.Header>
            <Dialog.Body>
              <Typography tag="p" textAlign="center">
                {chosen ? text('history.restore.body', { when: formatWhen(chosen.at), language }) : null}
              </Typography>
            </Dialog.Body>
            <Dialog.Footer>
              <Dialog.Cancel>
                <Button variant="tertiary" fullWidth disabled={restoring}>
                  {text('history.restore.cancel')}
                </Button>
              </Dialog.Cancel>
              <Button fullWidth loading={restoring} onClick={() => void restore()}>
                {text('history.restore.confirm')}
              </Button>
            </Dialog.Footer>
          </Dialog.Content>
        </Dialog.Root>
      </Layouts.Content>
    </Page.Main>
  );
};

export default HistoryPage;
