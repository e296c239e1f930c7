// The scheduling's words in the admin, shared by the edit view's panel and the start page's list.
import type { Schedule } from '../../scheduling/types';
import { formatStockholm, lateness } from '../../scheduling/stockholmTime';
import { LATE_AFTER_MS } from '../../scheduling/types';

export const languageName = (locale: string | null | undefined) =>
  locale ? (new Intl.DisplayNames(['sv'], { type: 'language' }).of(locale) ?? locale) : '';

export const actionName = (schedule: Pick<Schedule, 'action'>) => (schedule.action === 'publish' ? 'Publicering' : 'Avpublicering');

/** "Publicering 1 januari 2027 kl. 00:00" */
export const scheduleTitle = (schedule: Pick<Schedule, 'action' | 'at'>) => `${actionName(schedule)} ${formatStockholm(schedule.at)}`;

/** Where the schedule stands, in a sentence. */
export const scheduleState = (schedule: Schedule): string => {
  switch (schedule.status) {
    case 'pending':
      return `Väntar. Schemalagd av ${schedule.createdBy}.`;
    case 'done': {
      const late =
        schedule.lateMs !== null && schedule.lateMs > LATE_AFTER_MS
          ? `, ${lateness(schedule.lateMs)} för sent (CMS:en var inte igång eller hann inte)`
          : '';
      return `Gjord ${schedule.ranAt ? formatStockholm(schedule.ranAt) : ''}${late}. Schemalagd av ${schedule.createdBy}.`;
    }
    case 'failed':
      return `Misslyckades ${schedule.ranAt ? formatStockholm(schedule.ranAt) : ''}: ${schedule.error ?? ''}`;
    case 'cancelled':
      return `Avbruten${schedule.cancelledBy ? ` av ${schedule.cancelledBy}` : ''}${schedule.cancelledAt ? ` ${formatStockholm(schedule.cancelledAt)}` : ''}.`;
  }
};
