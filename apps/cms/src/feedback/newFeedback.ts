import { FEEDBACK_UID } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';

/** The feedback editors have not yet marked handled, for the admin's "Webbplatsen" widget. */
export interface NewFeedback {
  newFeedback: {
    count: number;
    /** The content manager's list of it, newest first (under /admin). */
    listPath: string;
  };
}

/** The content manager's list of unhandled feedback, newest first. */
export const NEW_FEEDBACK_LIST_PATH = `/content-manager/collection-types/${FEEDBACK_UID}?page=1&pageSize=10&sort=createdAt:DESC&filters[$and][0][handled][$eq]=false`;

/** Counts the feedback not yet handled. */
export const findNewFeedback = async (strapi: Core.Strapi): Promise<NewFeedback> => ({
  newFeedback: { count: await strapi.db.query(FEEDBACK_UID).count({ where: { handled: false } }), listPath: NEW_FEEDBACK_LIST_PATH },
});
