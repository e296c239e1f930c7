import { Box, Button, Field, Flex, TextButton, TextInput, Typography } from '@strapi/design-system';
import { useFetchClient } from '@strapi/strapi/admin';
import { useCallback, useEffect, useState } from 'react';

import { stockholmToUtc, utcToStockholm } from '../../scheduling/stockholmTime';
import type { Schedule, ScheduleAction } from '../../scheduling/types';
import { errorMessage } from '../history/errors';
import type { PanelComponent } from '../history/contentManager';
import { hasHistory } from '../history/HistoryAction';
import { languageName, scheduleState, scheduleTitle } from './texts';

const REFRESH_MS = 5000;

/** What the form is doing: a new schedule of one kind, or a new time for one, and where it starts. */
type Editing = { action: ScheduleAction; id?: number; date: string; time: string } | null;

const listPath = (model: string, documentId: string) =>
  `/scheduling?contentType=${encodeURIComponent(model)}&documentId=${encodeURIComponent(documentId)}`;

/** A date and time an hour from now, rounded to the hour, as the form starts. */
const nextHour = (): [string, string] => utcToStockholm(Math.ceil((Date.now() + 60 * 60_000) / 3_600_000) * 3_600_000);

/**
 * The date and time being typed are this component's own state, not the panel's: the panel is a
 * description component whose content Strapi renders later (DescriptionComponentRenderer pushes it
 * on an idle callback), so inputs bound to the panel's state showed, and wrote back, a stale copy:
 * a time typed right after a date put the old date back (with more panels in the edit view, the
 * push came later and the date was lost).
 */
const ScheduleForm = ({
  editing,
  language,
  onCancel,
  onSaved,
  save,
}: {
  editing: NonNullable<Editing>;
  language: string;
  onCancel: () => void;
  onSaved: () => void;
  save: (at: string) => Promise<void>;
}) => {
  const [date, setDate] = useState(editing.date);
  const [time, setTime] = useState(editing.time);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const converted = stockholmToUtc(date, time);
  const submit = () => {
    if (!converted.ok) return setError(converted.message);
    setSaving(true);
    setError(null);
    save(converted.iso)
      .then(onSaved)
      .catch((failure: unknown) => setError(errorMessage(failure)))
      .finally(() => setSaving(false));
  };
  const what = editing.action === 'publish' ? 'publiceras' : 'avpubliceras';
  return (
    // Not a <form>: the panel sits inside the edit view's own form, which a nested form's submit
    // button would submit instead.
    <Box
      background="neutral100"
      padding={3}
      hasRadius
      role="group"
      aria-label={`Schemalägg: ${what} på ${language}`}
      // Enter saves the schedule, not the document.
      onKeyDown={(event: React.KeyboardEvent) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          submit();
        }
      }}
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Typography fontWeight="bold">
          {editing.id ? 'Ny tid' : 'När'} ska posten {what} på {language}? (svensk tid)
        </Typography>
        <Field.Root name="schedule-date">
          <Field.Label>Datum</Field.Label>
          <TextInput type="date" value={date} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setDate(event.target.value)} />
        </Field.Root>
        <Field.Root name="schedule-time">
          <Field.Label>Tid</Field.Label>
          <TextInput type="time" value={time} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setTime(event.target.value)} />
        </Field.Root>
        {converted.ok && converted.note ? <Typography variant="pi">{converted.note}</Typography> : null}
        {error ? (
          <Typography tag="p" textColor="danger600" role="alert">
            {error}
          </Typography>
        ) : null}
        <Flex gap={2}>
          <Button type="button" loading={saving} onClick={submit}>
            Spara schemat
          </Button>
          <Button type="button" variant="tertiary" onClick={onCancel}>
            Avbryt
          </Button>
        </Flex>
      </Flex>
    </Box>
  );
};

/**
 * The edit view's "Schemaläggning" panel: "Schemalägg publicering" and "Schemalägg avpublicering"
 * of the language shown, in Swedish time, and what is scheduled for it, with change and cancel.
 */
export const SchedulePanel: PanelComponent = ({ activeTab, model, document }) => {
  const { get, post, put, del } = useFetchClient();
  const documentId = typeof document?.documentId === 'string' ? document.documentId : undefined;
  const locale = typeof document?.locale === 'string' ? document.locale : null;
  const [schedules, setSchedules] = useState<Schedule[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!documentId || !hasHistory(model, activeTab)) return;
    try {
      const { data } = await get<{ data: Schedule[] }>(listPath(model, documentId));
      setSchedules(data.data);
      setLoadError(null);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, [get, model, documentId, activeTab]);

  // Refreshed while something waits, so that a schedule that ran shows as done.
  const waiting = schedules?.some((schedule) => schedule.status === 'pending') ?? false;
  useEffect(() => {
    void load();
    if (!waiting) return;
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, waiting]);

  if (!documentId || !document?.id || !locale || !hasHistory(model, activeTab)) return null;
  const language = languageName(locale);
  const mine = (schedules ?? []).filter((schedule) => schedule.locale === locale);
  const shown = [
    ...mine.filter((one) => one.status === 'pending' || one.status === 'failed'),
    ...mine.filter((one) => one.status === 'done' || one.status === 'cancelled').slice(-3),
  ];

  const start = (action: ScheduleAction) => {
    const [date, time] = nextHour();
    setEditing({ action, date, time });
  };
  const save = async (at: string) => {
    if (!editing) return;
    if (editing.id) await put(`/scheduling/${editing.id}`, { at });
    else await post('/scheduling', { contentType: model, documentId, locale, action: editing.action, at });
  };
  const cancel = (schedule: Schedule) => {
    setCancelError(null);
    del(`/scheduling/${schedule.id}`)
      .then(load)
      .catch((error: unknown) => setCancelError(errorMessage(error)));
  };

  return {
    title: 'Schemaläggning',
    content: (
      <Flex direction="column" alignItems="stretch" gap={3} width="100%">
        {editing ? (
          <ScheduleForm
            // A new form (another schedule, or opened again) starts from its own time.
            key={`${editing.action}-${editing.id ?? 'new'}-${editing.date}T${editing.time}`}
            editing={editing}
            language={language}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              void load();
            }}
            save={save}
          />
        ) : (
          <Flex direction="column" alignItems="stretch" gap={2}>
            <Button variant="secondary" onClick={() => start('publish')}>
              Schemalägg publicering
            </Button>
            <Button variant="secondary" onClick={() => start('unpublish')}>
              Schemalägg avpublicering
            </Button>
            <Typography variant="pi" textColor="neutral600">
              Gäller posten på {language}. Spara dina ändringar först: det som är sparat när tiden kommer publiceras.
            </Typography>
          </Flex>
        )}
        {loadError ? <Typography textColor="danger600">Schemat går inte att hämta: {loadError}</Typography> : null}
        {cancelError ? (
          <Typography textColor="danger600" role="alert">
            {cancelError}
          </Typography>
        ) : null}
        {shown.length > 0 ? (
          <Box tag="ul" aria-label={`Schemalagt på ${language}`}>
            {shown.map((schedule) => (
              <Box tag="li" key={schedule.id} paddingTop={2} paddingBottom={2} borderColor="neutral200" borderStyle="solid" borderWidth="1px 0 0 0">
                <Typography fontWeight="bold" tag="p">
                  {scheduleTitle(schedule)}
                </Typography>
                <Typography tag="p" variant="pi" textColor={schedule.status === 'failed' ? 'danger600' : 'neutral600'}>
                  {scheduleState(schedule)}
                </Typography>
                {schedule.status === 'pending' ? (
                  <Flex gap={3} paddingTop={1}>
                    <TextButton
                      onClick={() => {
                        const [date, time] = utcToStockholm(schedule.at);
                        setEditing({ action: schedule.action, id: schedule.id, date, time });
                      }}
                    >
                      Ändra tid
                    </TextButton>
                    <TextButton onClick={() => cancel(schedule)}>Avbryt schemat</TextButton>
                  </Flex>
                ) : null}
              </Box>
            ))}
          </Box>
        ) : schedules ? (
          <Typography variant="pi">Inget är schemalagt på {language}.</Typography>
        ) : null}
      </Flex>
    ),
  };
};
