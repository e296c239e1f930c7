import { documentFeed } from '../../views/documentFeed';

export const GET = documentFeed('plans', 'sv');
