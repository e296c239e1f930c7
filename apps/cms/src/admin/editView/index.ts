import type { ContentManagerApis } from '../history/contentManager';
import { hideRefusedHeaderActions } from './refusedHeaderActions';
import { ViewOnSitePanel } from './ViewOnSitePanel';

/** The edit view as editors need it: no actions their role refuses, and the way to the live page. */
export const registerEditView = (contentManager: ContentManagerApis): void => {
  // Strapi keeps its header menu's actions (DEFAULT_HEADER_ACTIONS) among the document actions.
  contentManager.addDocumentAction(hideRefusedHeaderActions);
  // Right below the panel with Publicera, where an editor looks after publishing.
  // Found by its type, not its place: other panels (the feedback's) may come before it.
  contentManager.addEditViewSidePanel((panels) => {
    const actions = panels.findIndex((panel) => panel.type === 'actions');
    const position = actions === -1 ? 0 : actions + 1;
    return [...panels.slice(0, position), ViewOnSitePanel, ...panels.slice(position)];
  });
};
