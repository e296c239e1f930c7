import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::priority-area.priority-area');
