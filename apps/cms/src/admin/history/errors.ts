import { isFetchError } from '@strapi/strapi/admin';

/** The CMS's own message for a failed request (its errors say what was wrong), else the browser's. */
export const errorMessage = (error: unknown): string => {
  if (isFetchError(error)) return error.response?.data?.error?.message ?? error.message;
  return error instanceof Error ? error.message : String(error);
};
