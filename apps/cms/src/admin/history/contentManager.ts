import type { ReactNode } from 'react';

// What the admin's code uses of the content manager's extension points (addDocumentAction,
// addEditViewSidePanel in @strapi/content-manager 5.54, dist/admin/src/content-manager.d.ts),
// declared here: the package is Strapi's own dependency, not one of ours.

/** What the content manager gives each action and panel of the edit view. */
export interface EditViewContext {
  activeTab: 'draft' | 'published' | null;
  collectionType: string;
  document?: { id?: number | string; documentId?: string; locale?: string | null; [field: string]: unknown };
  documentId?: string;
  /** The document's other versions (its published one, beside a draft), by status. */
  meta?: { availableStatus?: { status?: string; locale?: string; publishedAt?: string | null }[] };
  model: string;
}

/** A confirmation the action opens (the content manager's DocumentActionConfirmDialog). */
export interface DocumentActionDialog {
  type: 'dialog' | 'modal' | 'notification' | 'pages';
  title?: string;
  content?: ReactNode;
  confirmLabel?: string;
  onConfirm?: () => void | Promise<void>;
  [option: string]: unknown;
}

export interface DocumentActionDescription {
  label: string;
  icon?: ReactNode;
  disabled?: boolean;
  position?: 'panel' | 'header' | 'table-row' | 'preview' | 'relation-modal' | ('panel' | 'header' | 'table-row' | 'preview' | 'relation-modal')[];
  // The content manager awaits it, and opens the dialog unless it answers false.
  onClick?: (() => void) | (() => Promise<boolean | void>);
  dialog?: DocumentActionDialog;
  [option: string]: unknown;
}

export interface DocumentActionComponent {
  (props: EditViewContext): DocumentActionDescription | null;
  type?: string;
  position?: DocumentActionDescription['position'];
}

export interface PanelComponent {
  (props: EditViewContext): { title: string; content: ReactNode } | null;
  type?: string;
}

export interface ContentManagerApis {
  addDocumentAction(reducer: (actions: DocumentActionComponent[]) => DocumentActionComponent[]): void;
  addEditViewSidePanel(reducer: (panels: PanelComponent[]) => PanelComponent[]): void;
}
