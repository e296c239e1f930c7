import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::priority-area.priority-area');
