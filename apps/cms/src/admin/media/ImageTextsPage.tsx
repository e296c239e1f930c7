import { Box, Button, Checkbox, Field, Flex, Table, Tbody, Td, TextInput, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page, useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState, type FormEvent } from 'react';

import type { ImageText, ImageTextsAnswer } from '../../media/imageTextRoutes';
import { errorMessage } from '../history/errors';

// "Bilder och alternativtexter": every image of the media library with its text alternative in
// Swedish and English and its "Dekorativ" mark (src/media/imageTextRoutes.ts). The media
// library's own dialog has one alt text field, the Swedish one; the English one and the mark
// are edited here. The texts are Swedish only: the page is for editors.

type Draft = Pick<ImageText, 'alternativeText' | 'alternativeTextEn' | 'decorative'>;

const ImageRow = ({ image, onSaved }: { image: ImageText; onSaved: (saved: ImageText) => void }) => {
  const { put } = useFetchClient();
  const [draft, setDraft] = useState<Draft>({
    alternativeText: image.alternativeText,
    alternativeTextEn: image.alternativeTextEn,
    decorative: image.decorative,
  });
  const [state, setState] = useState<{ saving?: boolean; error?: string; saved?: boolean }>({});
  const changed =
    draft.alternativeText !== image.alternativeText || draft.alternativeTextEn !== image.alternativeTextEn || draft.decorative !== image.decorative;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setState({ saving: true });
    try {
      const { data } = await put<{ data: ImageText }>(`/image-texts/${image.id}`, draft);
      onSaved(data.data);
      setState({ saved: true });
    } catch (failure) {
      setState({ error: errorMessage(failure) });
    }
  };
  const missing = !draft.decorative && (draft.alternativeText.trim() === '' || draft.alternativeTextEn.trim() === '');
  return (
    <Tr>
      <Td>
        <Flex direction="column" alignItems="flex-start" gap={1}>
          {/* The thumbnail is the image being described: its own alt would repeat the fields beside it. */}
          <img src={image.url} alt="" width={96} style={{ maxHeight: 72, objectFit: 'contain' }} />
          <Typography variant="pi">{image.name}</Typography>
          {missing ? (
            <Typography variant="pi" textColor="danger600">
              Saknar alternativtext
            </Typography>
          ) : null}
        </Flex>
      </Td>
      <Td>
        <Field.Root name={`sv-${image.id}`}>
          <Field.Label>Alternativtext (svenska)</Field.Label>
          <TextInput
            value={draft.alternativeText}
            disabled={draft.decorative}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, alternativeText: event.target.value })}
          />
        </Field.Root>
      </Td>
      <Td>
        <Field.Root name={`en-${image.id}`}>
          <Field.Label>Alternativtext (engelska)</Field.Label>
          <TextInput
            value={draft.alternativeTextEn}
            disabled={draft.decorative}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, alternativeTextEn: event.target.value })}
          />
        </Field.Root>
      </Td>
      <Td>
        <Checkbox
          checked={draft.decorative}
          onCheckedChange={(checked: boolean | 'indeterminate') => setDraft({ ...draft, decorative: checked === true })}
        >
          Dekorativ
        </Checkbox>
      </Td>
      <Td>
        <Box tag="form" onSubmit={(event: FormEvent) => void save(event)}>
          <Flex direction="column" alignItems="flex-start" gap={1}>
            <Button type="submit" disabled={!changed || state.saving} loading={state.saving}>
              Spara
            </Button>
            {state.error ? (
              <Typography variant="pi" textColor="danger600" role="alert">
                {state.error}
              </Typography>
            ) : state.saved && !changed ? (
              <Typography variant="pi" textColor="success600" role="status">
                Sparat. Webbplatsen uppdateras.
              </Typography>
            ) : null}
          </Flex>
        </Box>
      </Td>
    </Tr>
  );
};

export const ImageTextsPage = () => {
  const { get } = useFetchClient();
  const [query, setQuery] = useState('');
  const [applied, setApplied] = useState({ q: '', missing: false, page: 1 });
  const [answer, setAnswer] = useState<ImageTextsAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    setAnswer(null);
    setError(null);
    const params = new URLSearchParams({ page: String(applied.page) });
    if (applied.q) params.set('q', applied.q);
    if (applied.missing) params.set('missing', 'true');
    get<ImageTextsAnswer>(`/image-texts?${params.toString()}`)
      .then(({ data }) => active && setAnswer(data))
      .catch((failure: unknown) => active && setError(errorMessage(failure)));
    return () => {
      active = false;
    };
  }, [get, applied]);

  const images = answer?.data ?? [];
  const meta = answer?.meta;
  return (
    <Page.Main>
      <Page.Title>Bilder och alternativtexter</Page.Title>
      <Layouts.Header
        title="Bilder och alternativtexter"
        subtitle="Alternativtexten beskriver bilden för den som inte ser den, på svenska och på engelska. En bild som bara är utsmyckning markeras som dekorativ. En sida med en bild som saknar alternativtext på sidans språk kan inte publiceras. Ändringar syns på webbplatsen inom några sekunder, på alla sidor som visar bilden."
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <Box
            tag="form"
            aria-label="Sök bilder"
            background="neutral0"
            padding={4}
            hasRadius
            shadow="tableShadow"
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              setApplied({ ...applied, q: query.trim(), page: 1 });
            }}
          >
            <Flex gap={4} alignItems="flex-end" wrap="wrap">
              <Field.Root name="q">
                <Field.Label>Filnamn</Field.Label>
                <TextInput value={query} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)} />
              </Field.Root>
              <Checkbox
                checked={applied.missing}
                onCheckedChange={(checked: boolean | 'indeterminate') => setApplied({ ...applied, missing: checked === true, page: 1 })}
              >
                Bara bilder som saknar alternativtext
              </Checkbox>
              <Button type="submit">Sök</Button>
            </Flex>
          </Box>
          {error ? (
            <Typography textColor="danger600" role="alert">
              Bilderna kunde inte hämtas: {error}
            </Typography>
          ) : !answer ? (
            <Typography role="status">Hämtar bilder …</Typography>
          ) : images.length === 0 ? (
            <Typography role="status">Inga bilder.</Typography>
          ) : (
            <Table colCount={5} rowCount={images.length + 1} aria-label="Bilder och alternativtexter">
              <Thead>
                <Tr>
                  {['Bild', 'Svenska', 'Engelska', 'Dekorativ', 'Spara'].map((column) => (
                    <Th key={column}>
                      <Typography variant="sigma">{column}</Typography>
                    </Th>
                  ))}
                </Tr>
              </Thead>
              <Tbody>
                {images.map((image) => (
                  <ImageRow
                    key={image.id}
                    image={image}
                    onSaved={(saved) =>
                      setAnswer((current) => current && { ...current, data: current.data.map((row) => (row.id === saved.id ? saved : row)) })
                    }
                  />
                ))}
              </Tbody>
            </Table>
          )}
          {meta && meta.pageCount > 1 ? (
            <Flex gap={3} justifyContent="flex-end" tag="nav" aria-label={`Sida ${meta.page} av ${meta.pageCount}`}>
              <Button variant="tertiary" disabled={meta.page <= 1} onClick={() => setApplied({ ...applied, page: meta.page - 1 })}>
                Föregående
              </Button>
              <Typography>{`Sida ${meta.page} av ${meta.pageCount}`}</Typography>
              <Button variant="tertiary" disabled={meta.page >= meta.pageCount} onClick={() => setApplied({ ...applied, page: meta.page + 1 })}>
                Nästa
              </Button>
            </Flex>
          ) : null}
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
};

export default ImageTextsPage;
