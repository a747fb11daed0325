// One post to relay on the ambassador page: its text for context, the link, and per network a one-click share link
// (a new tab, the declared relay counted when opened), a « copier le texte » button and whether it was relayed.
import { Anchor, Badge, Button, CopyButton, Group, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../ui/format';
import { describeNetwork } from '../channels/networks';
import { useWorkspace } from '../workspaces/workspace-context';
import { useDeclareShare, type AmbassadorView, type ShareLink } from './use-ambassador';

type Item = AmbassadorView['items'][number];

export function RelayCard({ item }: { item: Item }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime(workspace.timezone);
  const { relay } = item;
  return (
    <Paper withBorder p="md" component="article" data-testid="relay-card" data-post-id={relay.postId}>
      <Stack gap="sm">
        <Text size="sm" lineClamp={6} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {relay.postText}
        </Text>
        <Group gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('ambassador.link')} :
          </Text>
          <Anchor
            href={relay.link}
            target="_blank"
            rel="noopener noreferrer"
            size="xs"
            style={{ overflowWrap: 'anywhere' }}
            data-testid="relay-link"
          >
            {relay.link}
          </Anchor>
        </Group>
        <Text size="xs" c="dimmed">
          {t('ambassador.markedAt', { date: formatDateTime(relay.markedAt) })}
        </Text>
        <Stack gap="xs">
          {item.links.map((link) => (
            <ShareRow
              key={link.network}
              postId={relay.postId}
              link={link}
              relayed={item.shared.includes(link.network)}
            />
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}

function ShareRow({ postId, link, relayed }: { postId: string; link: ShareLink; relayed: boolean }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const declare = useDeclareShare(workspace.id);
  const network = describeNetwork(link.network);
  const testId = `share-${link.network}`;
  return (
    <Group gap="xs" wrap="wrap" data-testid={`${testId}-row`}>
      {link.url ? (
        <Button
          component="a"
          href={link.url}
          target="_blank"
          rel="noopener noreferrer"
          variant="default"
          size="xs"
          leftSection={<network.icon size={16} aria-hidden />}
          rightSection={<IconExternalLink size={14} aria-hidden />}
          onClick={() => declare.mutate({ postId, network: link.network })}
          data-testid={testId}
        >
          {t('ambassador.shareOn', { network: network.label })}
          <VisuallyHidden> {t('ambassador.newTab')}</VisuallyHidden>
        </Button>
      ) : (
        <Text size="xs" c="dimmed" data-testid={`${testId}-missing`}>
          <network.icon size={14} aria-hidden style={{ verticalAlign: 'middle' }} /> {t('ambassador.mastodon.missing')}
        </Text>
      )}
      {link.text !== '' && (
        <CopyButton value={link.text} timeout={2000}>
          {({ copied, copy }) => (
            <Button
              variant="subtle"
              size="xs"
              onClick={copy}
              leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
              aria-label={t('ambassador.copyFor', { network: network.label })}
              data-testid={`${testId}-copy`}
              data-text={link.text}
            >
              {copied ? t('ambassador.copied') : t('ambassador.copy')}
            </Button>
          )}
        </CopyButton>
      )}
      {relayed && (
        <Badge
          color="teal"
          variant="light"
          leftSection={<IconCheck size={12} aria-hidden />}
          data-testid={`${testId}-relayed`}
        >
          {t('ambassador.relayed')}
        </Badge>
      )}
    </Group>
  );
}
