import { Field, TextInput } from '@strapi/design-system';
import { useFetchClient, useField, useForm } from '@strapi/strapi/admin';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useParams } from 'react-router-dom';

import type { NextOrderAnswer } from '../editor/editViewRoutes';
import { AddressHint, useAddressHint } from './addresses/addressHint';

interface Props {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  labelAction?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
}

const asText = (value: unknown) => (typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '');

const SCHEMA_DEFAULT_ORDER = 1;

/**
 * A new document's "Ordning" starts at the next free position (GET /next-order), not at the
 * schema's 1, which another document already has: asked once, when the create form opens, and
 * set only while the field still holds that default (what the editor types wins).
 */
const useNextFreeOrder = (name: string, field: { value?: unknown; onChange: (name: string, value: unknown) => void }) => {
  const { get } = useFetchClient();
  const modified = useForm('IntegerInput', (state) => state.modified);
  const getValues = useForm('IntegerInput', (state) => state.getValues);
  const resetForm = useForm('IntegerInput', (state) => state.resetForm);
  const { id, slug } = useParams<{ id?: string; slug?: string }>();
  const creating = name === 'order' && id === 'create' && Boolean(slug);
  const [next, setNext] = useState<number | null>(null);
  // Once set, a box the editor has since emptied or changed is theirs (unless the form is reset).
  const applied = useRef(false);
  useEffect(() => {
    if (!creating) return;
    let active = true;
    get<NextOrderAnswer>(`/next-order?uid=${encodeURIComponent(slug ?? '')}`)
      .then(({ data }) => {
        if (active) setNext(data.order);
      })
      // Without an answer the schema's default stays, and the editor can change it.
      .catch(() => undefined);
    return () => {
      active = false;
    };
  }, [creating, slug, get]);
  // Applied again whenever the form is back at its untouched start: Strapi's edit view builds a
  // new default form on each of its renders (getInitialFormValues), and its Form resets to that
  // whenever it is not equal to the starting values set here, which happens when a side panel
  // appears later (the panels' count re-renders the page) and brought the 1 back.
  useEffect(() => {
    if (next === null) return;
    const values = getValues() as Record<string, unknown>;
    const current = values[name];
    if (current !== SCHEMA_DEFAULT_ORDER && current != null) return;
    // As the form's starting value while the editor has changed nothing: a form left untouched
    // has no unsaved changes to warn about.
    if (!modified) resetForm({ ...values, [name]: next });
    else if (!applied.current) field.onChange(name, next);
    else return;
    applied.current = true;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on the answer and on each change of the value
  }, [next, field.value, modified]);
};

/**
 * The input for every whole-number field (years, order). Strapi's own number input formats with
 * the interface language, which in Swedish shows the year 2025 as "2 025"; a year is written
 * without a thousands separator, and our whole numbers are years and small positions, so this
 * shows the digits as typed. Spaces pasted with a number are dropped; anything else that is not a
 * whole number is passed on as text for the form's validation to name.
 */
export const IntegerInput = ({ name, label, hint, labelAction, required, disabled, placeholder }: Props) => {
  const field = useField(name);
  const [text, setText] = useState(asText(field.value));
  useNextFreeOrder(name, field);

  // The form can change the value itself (another language's values, a reset after save).
  useEffect(() => {
    setText((current) => {
      const digits = current.replace(/\s/g, '');
      // Kept as typed ("2 025", "-") while it means the same number; an empty box is not 0.
      return digits !== '' && Number(digits) === field.value ? current : asText(field.value);
    });
  }, [field.value]);

  const onChange = (next: string) => {
    setText(next);
    const digits = next.replace(/\s/g, '');
    field.onChange(name, digits === '' ? null : /^-?\d+$/.test(digits) ? Number(digits) : next);
  };

  // A plan's or report's year is its address: a published one that changes is said to lead on.
  const addressHint = useAddressHint(name, field.value);
  return (
    <Field.Root name={name} error={field.error} hint={hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <TextInput
        inputMode="numeric"
        autoComplete="off"
        value={text}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
      />
      <Field.Hint />
      <AddressHint hint={addressHint} />
      <Field.Error />
    </Field.Root>
  );
};
