import { Box, Flex, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

// What GET /site-status answers (src/webhooks/siteStatus.ts), as far as the widget uses it.
interface Build {
  finishedAt: string;
  durationMs: number;
  result: 'success' | 'failure';
  error?: string;
}
interface MissingTranslation {
  type: string;
  title: string;
}
type Answer = { missingTranslations?: MissingTranslation[] } & (
  | {
      reachable: true;
      status: { live: { builtAt: string } | null; lastBuild: Build | null; building: boolean; queued: boolean };
    }
  | { reachable: false; error: string }
);

const MissingTranslations = ({ documents }: { documents: MissingTranslation[] }) =>
  documents.length === 0 ? (
    <Typography>Allt innehåll finns på engelska.</Typography>
  ) : (
    <Box>
      <Typography fontWeight="bold">Saknar engelsk version (visas inte på den engelska webbplatsen):</Typography>
      <ul>
        {documents.map((document) => (
          <li key={`${document.type}:${document.title}`}>
            <Typography>
              {document.type}: {document.title}
            </Typography>
          </li>
        ))}
      </ul>
    </Box>
  );

const REFRESH_MS = 5000;

const when = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'medium' }).format(new Date(iso));

/** The public site's state on the admin's start page, refreshed every few seconds. */
export const SiteStatusWidget = () => {
  const { get } = useFetchClient();
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    let active = true;
    const load = () =>
      get<Answer>('/site-status')
        .then(({ data }) => active && setAnswer(data))
        .catch((error: Error) => active && setAnswer({ reachable: false, error: error.message }));
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [get]);

  if (!answer) return <Typography>Hämtar webbplatsens status …</Typography>;
  const missing = <MissingTranslations documents={answer.missingTranslations ?? []} />;
  if (!answer.reachable) {
    return (
      <Flex direction="column" alignItems="flex-start" gap={3}>
        <Typography textColor="danger600">Webbplatsens status går inte att läsa: {answer.error}</Typography>
        {missing}
      </Flex>
    );
  }
  const { live, lastBuild, building, queued } = answer.status;
  return (
    <Flex direction="column" alignItems="flex-start" gap={3}>
      {building || queued ? (
        <Typography fontWeight="bold">Webbplatsen byggs om just nu; ändringen syns inom några sekunder.</Typography>
      ) : null}
      <Typography>
        {live ? `Webbplatsen uppdaterades senast ${when(live.builtAt)}.` : 'Webbplatsen har inte byggts ännu.'}
      </Typography>
      {lastBuild?.result === 'failure' ? (
        <Box background="danger100" padding={3} hasRadius>
          <Typography textColor="danger700">
            Senaste uppdateringen misslyckades ({when(lastBuild.finishedAt)}): {lastBuild.error}. Webbplatsen visar
            fortfarande den förra versionen. Försök publicera igen; hjälper inte det, kontakta webbansvarig.
          </Typography>
        </Box>
      ) : null}
      {missing}
    </Flex>
  );
};
