// Where each channel's copy of the post stands: status, due time, attempts, link once published,
// and the network's last error.
import { describeConnectorError } from '../../ui/server-text';
import { Anchor, Table, Text } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel, PostTarget } from '../../api/types';
import { useFormatDateTime } from '../../ui/format';
import { ChannelLabel } from '../channels/channel-label';
import { TargetStatusBadge } from './post-status-badge';

interface DeliveriesTableProps {
  targets: PostTarget[];
  channels: Map<string, Channel>;
  timeZone: string;
}

function isWebLink(url: string | null): url is string {
  return url !== null && /^https?:\/\//i.test(url);
}

export function DeliveriesTable({ targets, channels, timeZone }: DeliveriesTableProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime(timeZone);
  if (targets.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('composer.deliveriesEmpty')}
      </Text>
    );
  }
  return (
    // Wider than the composer's column: the scrolling area takes the focus so the keyboard can scroll it.
    <Table.ScrollContainer
      minWidth={640}
      scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': t('composer.deliveries') } }}
    >
      <Table verticalSpacing="xs" data-testid="post-deliveries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('posts.channels')}</Table.Th>
            <Table.Th>{t('posts.status')}</Table.Th>
            <Table.Th>{t('composer.due')}</Table.Th>
            <Table.Th>{t('composer.attempts')}</Table.Th>
            <Table.Th>{t('composer.lastError')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {targets.map((target) => {
            const channel = channels.get(target.channelId);
            return (
              <Table.Tr key={target.id} data-testid="post-delivery" data-status={target.status}>
                <Table.Td>
                  {channel ? <ChannelLabel channel={channel} /> : <Text size="sm">{t('composer.unknownChannel')}</Text>}
                </Table.Td>
                <Table.Td>
                  <TargetStatusBadge status={target.status} />
                  {isWebLink(target.publishedUrl) && (
                    <Anchor
                      href={target.publishedUrl}
                      target="_blank"
                      rel="noopener noreferrer"
                      size="xs"
                      display="flex"
                      mt={4}
                      style={{ alignItems: 'center', gap: 4 }}
                    >
                      {t('composer.publishedLink')}
                      <IconExternalLink size={12} />
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatDateTime(target.dueAt)}</Text>
                  {target.publishedAt && (
                    <Text size="xs" c="dimmed">
                      {t('composer.publishedAt', { date: formatDateTime(target.publishedAt) })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{target.attempts}</Text>
                </Table.Td>
                <Table.Td maw={320}>
                  {target.lastError ? (
                    <Text size="sm" c="red" title={target.lastError} data-code={target.lastErrorCode ?? undefined}>
                      {describeConnectorError(target.lastErrorCode, t)}
                    </Text>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
