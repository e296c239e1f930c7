import { Box, Flex, Link, TextButton, Typography } from '@strapi/design-system';
import type { PanelComponent } from './contentManager';
import { useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';

import { hasHistory, historyPagePath } from './HistoryAction';
import { formatWhen, useText } from './messages';
import { missingList } from './missing';
import { forgetRestore, restoredNotice } from './restored';

/**
 * The edit view's "Historik" panel: the way to the document's history, and, after "Återställ",
 * what was restored and what could not be (deleted files or documents), until the editor closes it.
 */
export const HistoryPanel: PanelComponent = ({ activeTab, collectionType, model, document }) => {
  const text = useText();
  const documentId = typeof document?.documentId === 'string' ? document.documentId : undefined;
  const locale = typeof document?.locale === 'string' ? document.locale : null;
  const [dismissed, setDismissed] = useState(false);
  const notice = dismissed ? null : restoredNotice(documentId, locale);
  if (!documentId || !document?.id || !hasHistory(model, activeTab)) return null;
  return {
    title: text('history.action'),
    content: (
      <Flex direction="column" alignItems="stretch" gap={3} width="100%">
        {notice ? (
          <Box background="success100" borderColor="success200" padding={3} hasRadius role="status">
            <Typography tag="p">{text('history.restore.done', { when: formatWhen(notice.when) })}</Typography>
            {notice.missing.length > 0 ? (
              <Typography tag="p" textColor="danger700" paddingTop={2}>
                {text('history.restore.missing', { list: missingList(text, model, notice.missing) })}
              </Typography>
            ) : null}
            <Box paddingTop={2}>
              <TextButton
                onClick={() => {
                  forgetRestore();
                  setDismissed(true);
                }}
              >
                {text('history.restore.dismiss')}
              </TextButton>
            </Box>
          </Box>
        ) : null}
        <Link tag={RouterLink} to={historyPagePath(collectionType, model, documentId, locale)}>
          {text('history.open')}
        </Link>
      </Flex>
    ),
  };
};
