import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';

import type { BuildReport } from '@malardalsradet/site-contract';
import type { MissingTranslation } from '../editor/missingTranslations';
import type { SiteStatusRouteAnswer as Answer } from '../webhooks/siteStatus';

const DocumentList = ({ heading, documents }: { heading: string; documents: MissingTranslation[] }) => (
  <Box>
    <Typography fontWeight="bold">{heading}</Typography>
    <ul>
      {documents.map((document) => (
        <li key={`${document.type}:${document.documentId}`}>
          <Link href={`/admin${document.editPath}`}>
            {document.type}: {document.title}
          </Link>
        </li>
      ))}
    </ul>
  </Box>
);

/** What one language's site lacks of the other's, by published versions: each item opens the document. */
const MissingTranslations = ({ english, swedish }: { english: MissingTranslation[]; swedish: MissingTranslation[] }) => (
  <>
    {english.length === 0 && swedish.length === 0 ? <Typography>Allt publicerat innehåll finns på båda språken.</Typography> : null}
    {english.length > 0 ? (
      <DocumentList heading="Publicerat på svenska men inte på engelska (saknas på den engelska webbplatsen):" documents={english} />
    ) : null}
    {swedish.length > 0 ? (
      <DocumentList heading="Publicerat på engelska men inte på svenska (saknas på den svenska webbplatsen):" documents={swedish} />
    ) : null}
  </>
);

/** Readers' feedback no editor has marked handled yet, linked to its list; nothing when there is none. */
const NewFeedbackLink = ({ feedback }: { feedback: Answer['newFeedback'] }) =>
  feedback.count === 0 ? null : (
    <Link href={`/admin${feedback.listPath}`}>{feedback.count === 1 ? '1 ny synpunkt' : `${feedback.count} nya synpunkter`} från läsare</Link>
  );

const REFRESH_MS = 5000;

const when = (iso: string) => new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'medium' }).format(new Date(iso));

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 1 }).format(ms / 1000)} s`);

const PAGES_SHOWN = 6;

/** What the last publish did, in an editor's words. */
const LastPublish = ({ build }: { build: BuildReport }) => {
  if (build.result === 'failure') return null;
  if (build.result === 'unchanged') {
    return <Typography>Senaste publiceringen ändrade inget på webbplatsen ({when(build.finishedAt)}).</Typography>;
  }
  if (build.kind === 'full') {
    return (
      <Typography>
        Hela webbplatsen byggdes om: {build.renderedCount ?? 0} sidor på {duration(build.durationMs)} ({when(build.finishedAt)}).
      </Typography>
    );
  }
  const pages = build.renderedPages ?? [];
  const more = pages.length - PAGES_SHOWN;
  return (
    <Box>
      <Typography>
        Senaste ändringen syntes på webbplatsen efter {duration(build.durationMs)}: {pages.length} {pages.length === 1 ? 'sida' : 'sidor'}{' '}
        uppdaterades ({when(build.finishedAt)}).
      </Typography>
      <ul>
        {pages.slice(0, PAGES_SHOWN).map((page) => (
          <li key={page}>
            <Typography variant="pi">{page}</Typography>
          </li>
        ))}
        {more > 0 ? (
          <li>
            <Typography variant="pi">och {more} till</Typography>
          </li>
        ) : null}
      </ul>
    </Box>
  );
};

/** The public site's state on the admin's start page, refreshed every few seconds. */
export const SiteStatusWidget = () => {
  const { get } = useFetchClient();
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    let active = true;
    // Never rejects: a failure is shown as the answer.
    const load = () =>
      void get<Answer>('/site-status')
        .then(({ data }) => active && setAnswer(data))
        .catch(
          (error: Error) =>
            active &&
            setAnswer({
              reachable: false,
              error: error.message,
              missingTranslations: [],
              missingSwedish: [],
              newFeedback: { count: 0, listPath: '' },
            }),
        );
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [get]);

  if (!answer) return <Typography>Hämtar webbplatsens status …</Typography>;
  const forEditors = (
    <>
      <NewFeedbackLink feedback={answer.newFeedback} />
      <MissingTranslations english={answer.missingTranslations} swedish={answer.missingSwedish} />
    </>
  );
  if (!answer.reachable) {
    return (
      <Flex direction="column" alignItems="flex-start" gap={3}>
        <Typography textColor="danger600">Webbplatsens status går inte att läsa: {answer.error}</Typography>
        {forEditors}
      </Flex>
    );
  }
  // A full build in the background after changes that are already live is not the editor's wait.
  const { live, lastBuild, changesPending: pending } = answer.status;
  return (
    <Flex direction="column" alignItems="flex-start" gap={3}>
      {pending ? <Typography fontWeight="bold">Webbplatsen uppdateras just nu; ändringen syns inom någon sekund.</Typography> : null}
      <Typography>{live ? `Webbplatsen uppdaterades senast ${when(live.builtAt)}.` : 'Webbplatsen har inte byggts ännu.'}</Typography>
      {lastBuild ? <LastPublish build={lastBuild} /> : null}
      {lastBuild?.result === 'failure' ? (
        <Box background="danger100" padding={3} hasRadius>
          <Typography textColor="danger700">
            Senaste uppdateringen misslyckades ({when(lastBuild.finishedAt)}): {lastBuild.error}. Webbplatsen visar fortfarande den förra versionen.
            Försök publicera igen; hjälper inte det, kontakta webbansvarig.
          </Typography>
        </Box>
      ) : null}
      {forEditors}
    </Flex>
  );
};
