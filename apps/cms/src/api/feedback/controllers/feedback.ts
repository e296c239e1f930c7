import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { parseFeedbackSubmission } from '../../../feedback/feedbackSubmission';
import { storeFeedbackOnce } from '../../../feedback/storeFeedback';

/**
 * POST /api/feedbacks (the site contract's FEEDBACK_API_PATH), with the site server's feedback
 * token: 201 when the feedback is stored, 200 when that submissionId was stored before (a
 * repeated delivery), either way with the entry's identity only; 400 when it breaks the contract.
 */
export default factories.createCoreController('api::feedback.feedback', ({ strapi }) => ({
  async create(ctx) {
    const parsed = parseFeedbackSubmission(ctx.request.body as unknown);
    if (!parsed.ok) {
      throw new errors.ValidationError(`The feedback is refused: ${parsed.problems.join('; ')}.`, { problems: parsed.problems });
    }
    const { created, entry } = await storeFeedbackOnce(strapi, parsed.submission);
    ctx.status = created ? 201 : 200;
    ctx.body = { data: entry, meta: { alreadyStored: !created } };
  },
}));
