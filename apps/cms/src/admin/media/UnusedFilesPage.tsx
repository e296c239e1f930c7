import { Box, Button, Flex, Link, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

import type { LibraryFile } from '../../media/fileUsage';
import { ColumnHeads } from '../ColumnHeads';
import type { UnusedFilesAnswer } from '../../media/routes';
import { errorMessage } from '../history/errors';
import { formatWhen, useText } from '../history/messages';

const UNUSED_FILES_PATH = '/media/unused-files';

/** "12,3 kB", "1,4 MB": Strapi keeps the size in kB. */
const formatSize = (kilobytes: number) =>
  kilobytes >= 1024
    ? `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format(kilobytes / 1024)} MB`
    : `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format(kilobytes)} kB`;

/**
 * "Oanvända filer": the files of the media library that no document uses (no media field, no
 * image in blocks text, in any language, drafts included), newest first, each removable after a
 * confirmation. The server checks again at removal: a file put to use meanwhile is refused,
 * naming the documents.
 */
export const UnusedFilesPage = () => {
  const text = useText();
  const { get, del } = useFetchClient();
  const [files, setFiles] = useState<LibraryFile[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);

  const load = useCallback(() => {
    setError(null);
    get<UnusedFilesAnswer>(UNUSED_FILES_PATH)
      .then(({ data }) => setFiles(data.data))
      .catch((failure: unknown) => setError(errorMessage(failure)));
  }, [get]);
  useEffect(load, [load]);

  const remove = async (file: LibraryFile) => {
    setConfirming(null);
    setNotice(null);
    try {
      await del(`/media/files/${file.id}`);
      setNotice(text('unusedFiles.removed', { name: file.name }));
      setFiles((current) => current?.filter((each) => each.id !== file.id) ?? null);
    } catch (failure) {
      setError(errorMessage(failure));
      load();
    }
  };

  return (
    <Page.Main>
      <Page.Title>{text('unusedFiles.title')}</Page.Title>
      <Layouts.Header title={text('unusedFiles.title')} subtitle={text('unusedFiles.intro')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {notice ? (
            <Box background="success100" borderColor="success200" padding={3} hasRadius role="status">
              <Typography>{notice}</Typography>
            </Box>
          ) : null}
          {error ? (
            <Typography textColor="danger600" role="alert">
              {error}
            </Typography>
          ) : null}
          {!files ? (
            error ? null : (
              <Typography role="status">{text('unusedFiles.loading')}</Typography>
            )
          ) : files.length === 0 ? (
            <Typography role="status">{text('unusedFiles.empty')}</Typography>
          ) : (
            <Table colCount={4} rowCount={files.length + 1} aria-label={text('unusedFiles.title')}>
              <ColumnHeads
                headings={['unusedFiles.column.name', 'unusedFiles.column.uploaded', 'unusedFiles.column.size', 'unusedFiles.column.action'].map(
                  (column) => text(column),
                )}
              />
              <Tbody>
                {files.map((file) => (
                  <Tr key={file.id}>
                    <Td>
                      <Link href={file.url} isExternal>
                        {file.name}
                      </Link>
                    </Td>
                    <Td>
                      <Typography>{formatWhen(file.createdAt)}</Typography>
                    </Td>
                    <Td>
                      <Typography>{formatSize(file.size)}</Typography>
                    </Td>
                    <Td>
                      {confirming === file.id ? (
                        <Flex gap={2} wrap="wrap">
                          <Typography>{text('unusedFiles.confirm', { name: file.name })}</Typography>
                          <Button variant="danger" size="S" onClick={() => void remove(file)}>
                            {text('unusedFiles.confirm.yes')}
                          </Button>
                          <Button variant="tertiary" size="S" onClick={() => setConfirming(null)}>
                            {text('unusedFiles.confirm.no')}
                          </Button>
                        </Flex>
                      ) : (
                        <Button
                          variant="danger-light"
                          size="S"
                          onClick={() => setConfirming(file.id)}
                          aria-label={text('unusedFiles.remove.label', { name: file.name })}
                        >
                          {text('unusedFiles.remove')}
                        </Button>
                      )}
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

export default UnusedFilesPage;
