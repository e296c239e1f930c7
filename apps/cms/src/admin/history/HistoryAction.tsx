import { ClockCounterClockwise } from '@strapi/icons';
import type { DocumentActionComponent } from './contentManager';
import { useNavigate } from 'react-router-dom';

import { useText } from './messages';

/**
 * The types the CMS keeps a history of (src/history/recorder.ts): the site's own, with drafts
 * (the content manager gives no tab, null, to a type without them, such as readers' feedback).
 */
export const hasHistory = (model: string, activeTab: 'draft' | 'published' | null) => model.startsWith('api::') && activeTab !== null;

/** The history page of a document in one language (HistoryPage), as a path of the admin. */
export const historyPagePath = (collectionType: string, model: string, documentId: string, locale: string | null | undefined) =>
  `/historik/${collectionType}/${model}/${documentId}${locale ? `?locale=${encodeURIComponent(locale)}` : ''}`;

/**
 * "Historik" in both of the edit view's menus, where editors looked for it: "Fler åtgärder" at
 * the top (where Strapi's paid content history sits) and "Fler åtgärder för posten" beside
 * Publicera. It opens the document's history in the language shown.
 */
export const HistoryAction: DocumentActionComponent = ({ activeTab, collectionType, model, document }) => {
  const text = useText();
  const navigate = useNavigate();
  const documentId = typeof document?.documentId === 'string' ? document.documentId : undefined;
  const locale = typeof document?.locale === 'string' ? document.locale : null;
  if (!hasHistory(model, activeTab)) return null;
  return {
    label: text('history.action'),
    icon: <ClockCounterClockwise />,
    position: ['header', 'panel'],
    // A document not saved yet in this language has no history.
    disabled: !documentId || !document?.id,
    onClick: () => {
      if (documentId) navigate(historyPagePath(collectionType, model, documentId, locale));
    },
  };
};
HistoryAction.type = 'history';
HistoryAction.position = ['header', 'panel'];
