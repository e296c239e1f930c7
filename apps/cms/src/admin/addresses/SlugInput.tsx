import { Field, TextInput } from '@strapi/design-system';
import { useField, useForm } from '@strapi/strapi/admin';
import { useEffect, useRef, type ReactNode } from 'react';

import { slugify } from '../../utils/slugify';
import { AddressHint, useAddressHint } from './addressHint';

interface Props {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  labelAction?: ReactNode;
  required?: boolean;
  disabled?: boolean;
  placeholder?: string;
  attribute?: { targetField?: string };
}

/**
 * The input of a page's address (a `uid` field: a priority area's slug). Strapi's own starts a new
 * document with the type's name (`priority-area`, then `priority-area-1`) marked "Tillgänglig",
 * and knows no length. This one follows the title while the document (or its language version)
 * has no address and the editor has not written one of their own (the CMS's rule: src/utils/slugify.ts, at most 80
 * characters, cut at a word; the CMS makes it unique and checks it at every save), and says, on
 * a published page, that the old address will lead to the new one.
 */
export const SlugInput = ({ name, label, hint, labelAction, required, disabled, placeholder, attribute }: Props) => {
  const field = useField<string>(name);
  const targetField = attribute?.targetField ?? 'title';
  const title = useForm('SlugInput', (form) => (form.values as Record<string, unknown>)[targetField]);
  const value = typeof field.value === 'string' ? field.value : '';
  // Whether the address is one of its own (saved before, or written by the editor): then the
  // title no longer moves it. A new document, or a language version without an address yet, follows it.
  const ownAddress = useRef(value !== '');
  const titleBefore = useRef(title);

  useEffect(() => {
    // Only a change of the title moves it (not the form's loading); the field's own changes are the editor's.
    if (titleBefore.current === title) return;
    titleBefore.current = title;
    if (ownAddress.current || disabled) return;
    const made = typeof title === 'string' ? slugify(title) : '';
    if (made !== value) field.onChange(name, made);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [title]);

  const addressHint = useAddressHint(name, value);
  return (
    <Field.Root name={name} error={field.error} hint={hint} required={required}>
      <Field.Label action={labelAction}>{label}</Field.Label>
      <TextInput
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        disabled={disabled}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => {
          ownAddress.current = event.target.value !== '';
          field.onChange(name, event.target.value);
        }}
      />
      <Field.Hint />
      <AddressHint hint={addressHint} />
      <Field.Error />
    </Field.Root>
  );
};
