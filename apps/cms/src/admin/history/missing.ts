import type { MissingReference } from './api';
import { fieldLabel } from './compare';
import type { useText } from './messages';

/** What a version refers to that is gone, in an editor's words: 'filen ”x.pdf” (fältet Dokument)'. */
export const missingList = (text: ReturnType<typeof useText>, model: string, missing: MissingReference[]) =>
  missing
    .map((item) =>
      text(item.kind === 'media' ? 'history.restore.missing.file' : 'history.restore.missing.relation', {
        label: `”${item.label || item.documentId || String(item.fileId ?? '')}”`,
        // A field inside a component is a path (seo.image): the editor knows the outer field.
        field: fieldLabel(model, item.field.split('.')[0] ?? item.field),
      }),
    )
    .join('; ');
