import { useAuth } from '@strapi/strapi/admin';

import type { DocumentActionComponent } from '../history/contentManager';

// The edit view's "Redigera modellen" (the content-type builder) and "Anpassa vyn" (the view's
// configuration) lead an editor to "Du har inte behörighet": they are shown only to those whose
// role may open them (the developers' administrators), like the list view's own settings menu.
const REQUIRED: Record<string, string> = {
  'edit-the-model': 'plugin::content-type-builder.read',
  'configure-the-view': 'plugin::content-manager.collection-types.configure-view',
};

/** The action, shown only to a user whose permissions include the one it needs. */
const onlyWhenAllowed = (action: DocumentActionComponent, required: string): DocumentActionComponent => {
  const Allowed: DocumentActionComponent = (props) => {
    // Both hooks run on every render (React's rule), whatever the answer.
    const description = action(props);
    const allowed = useAuth('refusedHeaderActions', (state) => state.permissions.some((permission) => permission.action === required));
    return allowed ? description : null;
  };
  Allowed.type = action.type;
  Allowed.position = action.position;
  return Allowed;
};

/** The header's actions with those the user may not use hidden. */
export const hideRefusedHeaderActions = (actions: DocumentActionComponent[]): DocumentActionComponent[] =>
  actions.map((action) => (action.type && REQUIRED[action.type] ? onlyWhenAllowed(action, REQUIRED[action.type]) : action));
