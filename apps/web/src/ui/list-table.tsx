// The table admin pages list records in: a spinner while loading, the error with a retry, a header, a row that
// says the list is empty, and an unlabelled last column for each row's actions.
import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './api-errors';
import { PageLoader } from './page-loader';

/** What a list query gives (a react-query result). */
interface ListQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: { items: T[] } | undefined;
  refetch: () => unknown;
}

interface ListTableProps<T> {
  query: ListQuery<T>;
  columns: string[];
  /** Adds the last column, for buttons. */
  actions?: boolean;
  /** Said in place of rows when there are none. */
  empty: string;
  /** Below it, the table scrolls sideways. */
  minWidth: number;
  testId: string;
  highlightOnHover?: boolean;
  /** One `Table.Tr` for an item. */
  children: (item: T) => ReactNode;
}

export function ListTable<T>({
  query,
  columns,
  actions = false,
  empty,
  minWidth,
  testId,
  highlightOnHover,
  children,
}: ListTableProps<T>) {
  const { t } = useTranslation();
  return (
    <>
      {query.isPending && <PageLoader />}
      {query.isError && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <Table.ScrollContainer minWidth={minWidth}>
          <Table striped highlightOnHover={highlightOnHover} verticalSpacing="sm" data-testid={testId}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((column) => (
                  <Table.Th key={column}>{column}</Table.Th>
                ))}
                {actions && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={columns.length + (actions ? 1 : 0)}>
                    <Text c="dimmed">{empty}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {query.data.items.map(children)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
