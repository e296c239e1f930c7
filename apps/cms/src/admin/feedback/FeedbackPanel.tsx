import type { FEEDBACK_UID } from '@malardalsradet/site-contract';
import { Flex, LinkButton, Typography } from '@strapi/design-system';
import { Mail } from '@strapi/icons';
import type { PanelComponent } from '../history/contentManager';
import { formatWhen, useText } from '../history/messages';
import { replyLink } from './replyLink';

// The site contract's uid, checked against it (the admin bundle takes only its types).
const FEEDBACK: typeof FEEDBACK_UID = 'api::feedback.feedback';

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The edit view's "Synpunkt" panel: when the feedback came in, and "Svara", an e-mail to the
 * reader in the editor's own mail program, when the reader left an address.
 */
export const FeedbackPanel: PanelComponent = ({ model, document }) => {
  const say = useText();
  if (model !== FEEDBACK || !document) return null;
  const received = text(document.createdAt);
  const replyTo = text(document.replyTo);
  return {
    title: say('feedback.panel.title'),
    content: (
      <Flex direction="column" alignItems="stretch" gap={3} width="100%">
        {received ? <Typography tag="p">{say('feedback.panel.received', { when: formatWhen(received) })}</Typography> : null}
        {replyTo ? (
          <LinkButton
            href={replyLink(replyTo, text(document.page), text(document.message))}
            startIcon={<Mail />}
            variant="secondary"
            fullWidth
            aria-label={say('feedback.panel.reply.label', { address: replyTo })}
          >
            {say('feedback.panel.reply')}
          </LinkButton>
        ) : (
          <Typography tag="p" textColor="neutral600">
            {say('feedback.panel.noAddress')}
          </Typography>
        )}
      </Flex>
    ),
  };
};
