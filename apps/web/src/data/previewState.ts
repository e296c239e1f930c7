import type { PreviewStatus } from './client';

/**
 * What a preview shows, for its banner: a version never published, a draft with changes not yet
 * published, or what is published (the published version, or a draft that shows the same).
 */
export type PreviewState = 'unpublished' | 'modified' | 'published';

/**
 * Compares what the page would show from the draft with what it shows from the published version
 * (the same loader, so the same fields): "inte publicerad" only when it is true. The banner said
 * so even after publishing, when the draft and the published version were the same.
 */
export const previewState = async <T>(status: PreviewStatus, shown: T, load: (status: PreviewStatus) => Promise<T | null>): Promise<PreviewState> => {
  if (status === 'published') return 'published';
  const published = await load('published');
  if (!published) return 'unpublished';
  return JSON.stringify(published) === JSON.stringify(shown) ? 'published' : 'modified';
};
