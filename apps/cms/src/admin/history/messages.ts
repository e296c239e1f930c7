import { useIntl } from 'react-intl';
import swedish from '../translations/sv.json';

// The history screens' texts live in translations/sv.json with the rest of the admin's Swedish;
// the Swedish is also the default, so that an account set to English never sees a raw key.
const messages = swedish as Record<string, string>;

export const useText = () => {
  const intl = useIntl();
  return (id: string, values?: Record<string, string | number>) =>
    intl.formatMessage({ id: `malardalsradet.${id}`, defaultMessage: messages[`malardalsradet.${id}`] ?? id }, values);
};

/** Swedish date and time in Stockholm, whatever the editor's computer is set to: "7 december 2026 kl. 12:05". */
export const formatWhen = (iso: string) =>
  new Intl.DateTimeFormat('sv-SE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(new Date(iso));

/** The languages of the content, as editors name them. */
export const languageName = (locale: string | null | undefined) =>
  locale ? (new Intl.DisplayNames(['sv'], { type: 'language' }).of(locale) ?? locale) : '';

/** The event in an editor's words; one the admin does not know yet, as the CMS named it. */
export const eventName = (text: ReturnType<typeof useText>, event: string) =>
  `malardalsradet.history.event.${event}` in messages ? text(`history.event.${event}`) : event;
