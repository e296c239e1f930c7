import { factories } from '@strapi/strapi';

// The content API only takes feedback (the site server's token); nobody reads it there.
// Editors read it in the admin, where the content manager has routes of its own.
export default factories.createCoreRouter('api::feedback.feedback', { only: ['create'] });
