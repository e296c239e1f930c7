import type { ContentManagerApis } from '../history/contentManager';
import { hideRefusedHeaderActions } from './refusedHeaderActions';
import { ViewOnSitePanel } from './ViewOnSitePanel';

/** The edit view as editors need it: no actions their role refuses, and the way to the live page. */
export const registerEditView = (contentManager: ContentManagerApis): void => {
  // Strapi keeps its header menu's actions (DEFAULT_HEADER_ACTIONS) among the document actions.
  contentManager.addDocumentAction(hideRefusedHeaderActions);
  // Right below the panel with Publicera, where an editor looks after publishing.
  contentManager.addEditViewSidePanel((panels) => [...panels.slice(0, 1), ViewOnSitePanel, ...panels.slice(1)]);
};
