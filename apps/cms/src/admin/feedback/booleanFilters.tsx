import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { useField } from '@strapi/strapi/admin';
import swedish from '../translations/sv.json';

// The content manager's hook for the list view's filters (@strapi/content-manager 5.54,
// constants/hooks INJECT_LIST_VIEW_FILTERS): each filter may bring its own input and options.
export const LIST_VIEW_FILTERS_HOOK = 'Admin/CM/pages/ListView/inject-in-filters';

interface ListViewFilter {
  name: string;
  type?: string;
  input?: unknown;
  options?: { label: string; value: string }[];
  operators?: { label: string; value: string }[];
  [key: string]: unknown;
}

const messages = swedish as Record<string, string>;
const YES_NO = [
  { label: messages['malardalsradet.filter.boolean.true'] ?? 'Ja', value: 'true' },
  { label: messages['malardalsradet.filter.boolean.false'] ?? 'Nej', value: 'false' },
];

/** The value of a yes/no filter, chosen as "Ja" or "Nej". */
const YesNoInput = ({ name, 'aria-label': label }: { name: string; 'aria-label'?: string }) => {
  const field = useField<string>(name);
  return (
    <SingleSelect
      aria-label={label}
      value={field.value ?? ''}
      placeholder={messages['malardalsradet.filter.boolean.placeholder']}
      onChange={(value: string | number) => field.onChange(name, String(value))}
    >
      {YES_NO.map((option) => (
        <SingleSelectOption key={option.value} value={option.value}>
          {option.label}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  );
};

/**
 * A yes/no field's filter reads "Hanterad är Nej", not Strapi's "Hanterad är false": the filter
 * chip shows an option's label when the filter has an input and options of its own
 * (@strapi/admin's Filters, AttributeTag), and the editor picks Ja or Nej, with "är" and "är
 * inte" as the only comparisons (the others Strapi offers make no sense for yes/no).
 */
export const withYesNoFilters = ({ displayedFilters, ...rest }: { displayedFilters: ListViewFilter[]; [key: string]: unknown }) => ({
  ...rest,
  displayedFilters: displayedFilters.map((filter) =>
    filter.type === 'boolean'
      ? {
          ...filter,
          input: YesNoInput,
          options: YES_NO,
          operators: [
            { label: messages['components.FilterOptions.FILTER_TYPES.$eq'] ?? 'är', value: '$eq' },
            { label: messages['components.FilterOptions.FILTER_TYPES.$ne'] ?? 'är inte', value: '$ne' },
          ],
        }
      : filter,
  ),
});
