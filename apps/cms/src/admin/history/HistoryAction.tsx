import { ClockCounterClockwise } from '@strapi/icons';
import type { DocumentActionComponent } from './contentManager';
import { useNavigate } from 'react-router-dom';

import { useText } from './messages';

/** The history page of a document in one language (HistoryPage), as a path of the admin. */
export const historyPagePath = (collectionType: string, model: string, documentId: string, locale: string | null | undefined) =>
  `/historik/${collectionType}/${model}/${documentId}${locale ? `?locale=${encodeURIComponent(locale)}` : ''}`;

/**
 * "Historik" in the edit view's "Fler åtgärder" menu, where editors looked for it (and where
 * Strapi's paid content history sits): it opens the document's history in the language shown.
 */
export const HistoryAction: DocumentActionComponent = ({ collectionType, model, document }) => {
  const text = useText();
  const navigate = useNavigate();
  const documentId = typeof document?.documentId === 'string' ? document.documentId : undefined;
  const locale = typeof document?.locale === 'string' ? document.locale : null;
  return {
    label: text('history.action'),
    icon: <ClockCounterClockwise />,
    position: 'header',
    // A document not saved yet in this language has no history.
    disabled: !documentId || !document?.id || !model.startsWith('api::'),
    onClick: () => {
      if (documentId) navigate(historyPagePath(collectionType, model, documentId, locale));
    },
  };
};
HistoryAction.type = 'history';
HistoryAction.position = 'header';
