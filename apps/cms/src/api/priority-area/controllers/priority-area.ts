import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::priority-area.priority-area');
