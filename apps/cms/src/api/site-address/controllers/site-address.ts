import type { FormerAddressesAnswer } from '@malardalsradet/site-contract';
import type { Core } from '@strapi/strapi';
import { formerAddresses } from '../../../addresses/formerAddresses';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: { body: unknown }) {
    const answer: FormerAddressesAnswer = { data: await formerAddresses(strapi) };
    ctx.body = answer;
  },
});
