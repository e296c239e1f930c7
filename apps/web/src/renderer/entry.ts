// The server entry of the site's code bundle (see adapter.mjs): the site server imports the
// built file and drives the renderer (renderer-contract/).
import { createApp } from 'astro/app/entrypoint';
import { RENDERER_API_VERSION } from '../../renderer-contract';
import { createSiteRenderer } from './siteRenderer';

// No streaming: a page is rendered whole, then written or served.
const app = createApp({ streaming: false });

export const rendererApiVersion = RENDERER_API_VERSION;
// Pages are requested at the site's public address (astro.config.mjs: site), as they are served.
export const renderer = createSiteRenderer((request) => app.render(request), app.manifest.site ?? 'http://localhost:4321');
