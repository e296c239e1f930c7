import { Field, TextInput } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import { useEffect, useState, type ReactNode } from 'react';
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
