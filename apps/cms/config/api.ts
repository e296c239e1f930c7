import { MAX_PAGE_SIZE } from '../src/access/pageSizeLimit';

export default {
  rest: {
    defaultLimit: 25,
    maxLimit: MAX_PAGE_SIZE,
    withCount: true,
  },
};
