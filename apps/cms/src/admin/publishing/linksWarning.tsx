import { Box, Flex, Typography } from '@strapi/design-system';

import type { DocumentActionComponent } from '../history/contentManager';
import { LinksHere, PAGE_TYPES } from './LinksHerePanel';

/** The actions after which a page's address stops answering: what links to it would break. */
const BREAKS_LINKS = new Set(['unpublish', 'delete']);

/**
 * Names, in the confirmation of an unpublish or a delete, the published pages that link to the
 * document ("3 sidor länkar hit"). Strapi's delete has a confirmation, to which the list is
 * added; its unpublish has one only for a changed draft, so it gets one here, since otherwise
 * it would take the page off the site at the first click. The list is fetched when the dialog
 * opens (LinksHere), not for every row of a list view.
 */
export const withLinksWarning = (Action: DocumentActionComponent): DocumentActionComponent => {
  if (!BREAKS_LINKS.has(Action.type ?? '')) return Action;
  const Wrapped: DocumentActionComponent = (props) => {
    // Strapi's own action, with its hooks, called as the content manager would call it.
    const description = Action(props);
    const documentId = typeof props.document?.documentId === 'string' ? props.document.documentId : props.documentId;
    if (!description || !documentId || !PAGE_TYPES.has(props.model)) return description;
    const warning = (
      <Box paddingTop={4} width="100%">
        <LinksHere model={props.model} documentId={documentId} />
      </Box>
    );
    if (description.dialog?.type === 'dialog')
      return {
        ...description,
        dialog: {
          ...description.dialog,
          content: (
            <Flex direction="column" alignItems="stretch" gap={2}>
              {description.dialog.content}
              {warning}
            </Flex>
          ),
        },
      };
    if (!description.dialog && description.onClick) {
      const unpublish = description.onClick;
      return {
        ...description,
        onClick: undefined,
        dialog: {
          type: 'dialog',
          title: 'Avpublicera sidan?',
          confirmLabel: 'Avpublicera',
          content: (
            <Flex direction="column" alignItems="stretch" gap={2}>
              <Typography tag="p">Sidan tas bort från webbplatsen på det här språket. Utkastet finns kvar.</Typography>
              {warning}
            </Flex>
          ),
          onConfirm: async () => {
            await unpublish();
          },
        },
      };
    }
    return description;
  };
  Wrapped.type = Action.type;
  Wrapped.position = Action.position;
  return Wrapped;
};
