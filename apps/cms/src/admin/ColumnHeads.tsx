import { Th, Thead, Tr, Typography } from '@strapi/design-system';

/** A table's header row in the admin's style: one heading per column, texts already translated. */
export const ColumnHeads = ({ headings }: { headings: string[] }) => (
  <Thead>
    <Tr>
      {headings.map((heading) => (
        <Th key={heading}>
          <Typography variant="sigma">{heading}</Typography>
        </Th>
      ))}
    </Tr>
  </Thead>
);
