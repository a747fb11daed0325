// The sections of a mention card: who wrote it and when, its title and text (folded when long), its badges
// (sentiment, topics, language, hashtags, reach, tags, handled) and the buttons to open, correct, tag, handle it.
// All of it comes from strangers: rendered as React text only, and only http(s) addresses become links.
import { Anchor, Badge, Button, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconCheck, IconExternalLink, IconMoodSmile, IconTag } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mention, Sentiment, Topic } from '../../api/types';
import { useFormatDateTime } from '../../ui/format';
import { languageName } from '../../ui/language-name';
import { Toggletip } from '../../ui/toggletip';
import { EXTERNAL_LINK, toSafeHttpUrl } from './safe-url';
import { SENTIMENT_COLORS, SENTIMENTS } from './sentiments';

/** What a member who may act can do with a mention (absent for viewers and in previews). */
export interface MentionActions {
  correctSentiment: (mention: Mention, label: Sentiment) => void;
  setTags: (mention: Mention, tags: string[]) => void;
  setHandled: (mention: Mention, handled: boolean) => void;
  busy: boolean;
}

/** Articles can be long: past this, the text is folded to a few lines until asked for. */
const LONG_TEXT = 600;

export function MentionByline({ mention }: { mention: Mention }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const authorUrl = toSafeHttpUrl(mention.author.url);
  const authorName = mention.author.name ?? mention.author.handle ?? t('listening.mentions.unknownAuthor');
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start">
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" color="gray" tt="none" size="sm">
          {t(`listening.sources.networks.${mention.network}`, { defaultValue: mention.network })}
        </Badge>
        {authorUrl ? (
          <Anchor href={authorUrl} {...EXTERNAL_LINK} size="sm" fw={600}>
            {authorName}
          </Anchor>
        ) : (
          <Text size="sm" fw={600}>
            {authorName}
          </Text>
        )}
        {mention.author.handle && mention.author.name && (
          <Text size="sm" c="dimmed">
            @{mention.author.handle}
          </Text>
        )}
        {mention.site && (
          <Text size="xs" c="dimmed">
            {mention.site}
          </Text>
        )}
      </Group>
      <Group gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(mention.publishedAt ?? mention.seenAt)}
        </Text>
        {mention.editedAt && (
          // When it was edited, for keyboards and touch screens too.
          <Toggletip
            label={t('listening.mentions.editedAt', { date: formatDateTime(mention.editedAt) })}
            testId="mention-edited-details"
          >
            <UnstyledButton fz="xs" c="dimmed" fs="italic" data-testid="mention-edited">
              {t('listening.mentions.edited')}
            </UnstyledButton>
          </Toggletip>
        )}
      </Group>
    </Group>
  );
}

export function MentionBody({ mention }: { mention: Mention }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const long = mention.text.length > LONG_TEXT;
  return (
    <>
      {mention.title && (
        <Text fw={600} size="sm" data-testid="mention-title">
          {mention.title}
        </Text>
      )}
      <Text
        size="sm"
        style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        lineClamp={long && !expanded ? 6 : undefined}
        data-testid="mention-text"
      >
        {mention.text}
      </Text>
      {long && (
        <Anchor component="button" type="button" size="xs" onClick={() => setExpanded((open) => !open)}>
          {expanded ? t('listening.mentions.showLess') : t('listening.mentions.showMore')}
        </Anchor>
      )}
    </>
  );
}

export function MentionBadges({ mention, topics }: { mention: Mention; topics: ReadonlyMap<string, Topic> }) {
  const { t, i18n } = useTranslation();
  const handled = mention.handledAt !== null;
  return (
    <Group gap={6} wrap="wrap">
      {/* How sure the model is, for keyboards and touch screens too (a toggletip, not a hover-only tooltip). */}
      <Toggletip
        label={
          mention.sentimentCorrected
            ? t('listening.mentions.sentimentCorrected')
            : t('listening.mentions.sentimentConfidence', { value: Math.round(mention.sentimentConfidence * 100) })
        }
        testId="mention-sentiment-details"
      >
        <Badge
          component="button"
          color={SENTIMENT_COLORS[mention.sentiment]}
          variant={mention.sentimentCorrected ? 'filled' : 'light'}
          tt="none"
          style={{ cursor: 'pointer' }}
          aria-label={t('hoverInfo.sentimentDetails', { label: t(`listening.sentiment.${mention.sentiment}`) })}
          data-testid="mention-sentiment"
        >
          {t(`listening.sentiment.${mention.sentiment}`)}
        </Badge>
      </Toggletip>
      {mention.topicIds.map((id) => {
        const topic = topics.get(id);
        // The topic's colour is picked by members and may not read as text: it marks the dot, the name stays dark.
        return topic ? (
          <Badge key={id} variant="dot" tt="none" color={topic.color} size="sm">
            {topic.name}
          </Badge>
        ) : null;
      })}
      {mention.language !== 'und' && (
        <Badge variant="default" tt="none" size="sm" title={mention.language}>
          {languageName(mention.language, i18n.language)}
        </Badge>
      )}
      {mention.hashtags.slice(0, 8).map((tag) => (
        <Text key={tag} size="xs" c="blue">
          #{tag}
        </Text>
      ))}
      {mention.metrics.reach !== null && (
        <Text size="xs" c="dimmed">
          {t('listening.mentions.reach', { count: mention.metrics.reach })}
        </Text>
      )}
      {mention.tags.map((tag) => (
        <Badge key={tag} variant="dot" tt="none" size="sm" data-testid="mention-tag">
          {tag}
        </Badge>
      ))}
      {handled && (
        <Badge
          color="teal"
          variant="light"
          tt="none"
          leftSection={<IconCheck size={12} />}
          data-testid="mention-handled"
        >
          {t('listening.mentions.handled')}
        </Badge>
      )}
    </Group>
  );
}

export function MentionButtons({
  mention,
  actions,
  onToggleTags,
}: {
  mention: Mention;
  actions?: MentionActions;
  onToggleTags: () => void;
}) {
  const { t } = useTranslation();
  const original = toSafeHttpUrl(mention.url);
  const handled = mention.handledAt !== null;
  if (!(original || actions)) return null;
  return (
    <Group gap="xs">
      {original && (
        <Button
          component="a"
          href={original}
          {...EXTERNAL_LINK}
          size="compact-xs"
          variant="subtle"
          leftSection={<IconExternalLink size={14} />}
          data-testid="mention-open"
        >
          {t('listening.mentions.openOriginal')}
        </Button>
      )}
      {actions && (
        <>
          <Menu position="bottom-start" withinPortal>
            <Menu.Target>
              <Button
                size="compact-xs"
                variant="subtle"
                leftSection={<IconMoodSmile size={14} />}
                disabled={actions.busy}
                data-testid="mention-correct-sentiment"
              >
                {t('listening.mentions.correctSentiment')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {SENTIMENTS.map((label) => (
                <Menu.Item
                  key={label}
                  disabled={label === mention.sentiment}
                  onClick={() => actions.correctSentiment(mention, label)}
                  data-testid={`mention-sentiment-${label}`}
                >
                  {t(`listening.sentiment.${label}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconTag size={14} />}
            onClick={onToggleTags}
            data-testid="mention-edit-tags"
          >
            {t('listening.mentions.tag')}
          </Button>
          <Button
            size="compact-xs"
            variant={handled ? 'subtle' : 'light'}
            color="teal"
            leftSection={<IconCheck size={14} />}
            disabled={actions.busy}
            onClick={() => actions.setHandled(mention, !handled)}
            data-testid="mention-toggle-handled"
          >
            {handled ? t('listening.mentions.reopen') : t('listening.mentions.markHandled')}
          </Button>
        </>
      )}
    </Group>
  );
}
