import { Box, Flex, Link, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import type { Schedule } from '../../scheduling/types';
import { errorMessage } from '../history/errors';
import { languageName, scheduleState, scheduleTitle } from './texts';

const REFRESH_MS = 10_000;

const Item = ({ schedule }: { schedule: Schedule }) => (
  <Box tag="li" paddingBottom={2}>
    <Typography tag="p">
      <Link tag={RouterLink} to={schedule.editPath}>
        {schedule.label}
      </Link>{' '}
      ({languageName(schedule.locale)}): {scheduleTitle(schedule)}
    </Typography>
    <Typography tag="p" variant="pi" textColor={schedule.status === 'failed' ? 'danger600' : 'neutral600'}>
      {scheduleState(schedule)}
    </Typography>
  </Box>
);

/** "Kommande publiceringar" on the start page: what waits, and what failed (so that the editor is told). */
export const UpcomingWidget = () => {
  const { get } = useFetchClient();
  const [schedules, setSchedules] = useState<Schedule[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    const load = () =>
      void get<{ data: Schedule[] }>('/scheduling/upcoming')
        .then(({ data }) => active && (setSchedules(data.data), setError(null)))
        .catch((failure: unknown) => active && setError(errorMessage(failure)));
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      active = false;
      clearInterval(timer);
    };
  }, [get]);

  if (error) return <Typography textColor="danger600">Schemat går inte att hämta: {error}</Typography>;
  if (!schedules) return <Typography>Hämtar schemat …</Typography>;
  const failed = schedules.filter((schedule) => schedule.status === 'failed');
  const pending = schedules.filter((schedule) => schedule.status === 'pending');
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {failed.length > 0 ? (
        <Box background="danger100" padding={3} hasRadius role="alert">
          <Typography fontWeight="bold" textColor="danger700">
            {failed.length === 1 ? 'En schemalagd åtgärd misslyckades' : `${failed.length} schemalagda åtgärder misslyckades`}: rätta posten och
            schemalägg igen, eller publicera för hand.
          </Typography>
          <ul>
            {failed.map((schedule) => (
              <Item key={schedule.id} schedule={schedule} />
            ))}
          </ul>
        </Box>
      ) : null}
      {pending.length === 0 ? (
        <Typography>Inget är schemalagt. Schemalägg från en post: ”Schemaläggning” bredvid posten.</Typography>
      ) : (
        <ul aria-label="Kommande publiceringar">
          {pending.map((schedule) => (
            <Item key={schedule.id} schedule={schedule} />
          ))}
        </ul>
      )}
    </Flex>
  );
};
