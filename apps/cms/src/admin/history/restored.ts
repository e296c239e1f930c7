import type { MissingReference } from './api';

// What a restore did, carried across the reload of the edit view (the edit view must load the
// restored draft afresh), to be shown there by the "Historik" panel until the editor closes it.
const KEY = 'malardalsradet.history.restored';

export interface RestoredNotice {
  documentId: string;
  locale: string | null;
  when: string;
  missing: MissingReference[];
}

export const rememberRestore = (notice: RestoredNotice) => window.sessionStorage.setItem(KEY, JSON.stringify(notice));

export const restoredNotice = (documentId: string | undefined, locale: string | null | undefined): RestoredNotice | null => {
  const stored = window.sessionStorage.getItem(KEY);
  if (!stored || !documentId) return null;
  const notice = JSON.parse(stored) as RestoredNotice;
  return notice.documentId === documentId && (notice.locale ?? null) === (locale ?? null) ? notice : null;
};

export const forgetRestore = () => window.sessionStorage.removeItem(KEY);
