import { FEEDBACK_UID } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';

/** The longest title a feedback entry gets, its "…" included (the schema's maxLength allows it). */
export const FEEDBACK_TITLE_MAX_LENGTH = 60;

/**
 * What names a feedback entry in the admin (its heading, the list): the first words of the
 * reader's message, whole words up to FEEDBACK_TITLE_MAX_LENGTH characters, with "…" when more
 * follows. Line breaks and runs of spaces become one space; a first word longer than the limit is
 * cut. The message itself stays as written.
 */
export const feedbackTitle = (message: string): string => {
  const words = message.split(/\s+/u).filter((word) => word !== '');
  const whole = words.join(' ');
  if (whole.length <= FEEDBACK_TITLE_MAX_LENGTH) return whole;
  const room = FEEDBACK_TITLE_MAX_LENGTH - 1;
  let title = '';
  for (const word of words) {
    const next = title === '' ? word : `${title} ${word}`;
    if (next.length > room) break;
    title = next;
  }
  // One word longer than the room: its beginning, by code point (never half an emoji).
  if (title === '')
    title = Array.from(words[0] ?? '')
      .slice(0, room)
      .join('');
  return `${title}…`;
};

/**
 * Gives every entry stored without a title (before titles existed) its title, at start: the
 * rows are written through the query API, which runs no document middleware and sends no
 * webhook, as the retention's deletions do.
 */
export const backfillFeedbackTitles = async (strapi: Core.Strapi): Promise<number> => {
  const query = strapi.db.query(FEEDBACK_UID);
  const untitled = (await query.findMany({ where: { $or: [{ title: null }, { title: '' }] }, select: ['id', 'message'] })) as {
    id: number;
    message: string | null;
  }[];
  for (const entry of untitled) await query.update({ where: { id: entry.id }, data: { title: feedbackTitle(entry.message ?? '') } });
  return untitled.length;
};
