import { SITE_CONTENT_MODELS } from '@malardalsradet/site-contract';
import { describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from './contentSnapshot';

describe('the content models', () => {
  it("are the ones the webhook contract lets through: a type the site shows is never refused by the site's own hook", () => {
    expect([...CONTENT_TYPES].sort()).toEqual([...SITE_CONTENT_MODELS].sort());
  });
});
