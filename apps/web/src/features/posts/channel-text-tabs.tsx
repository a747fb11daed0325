// The post's text: one shared version, plus a tab per channel to adapt it ("Adapter pour ce réseau"),
// each with its live character count (per part for a thread) and the rules the server found broken on that
// channel. Under the shared text, each selected channel's first comment and thread.
import { Badge, Group, Stack, Switch, Tabs, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Violation } from '../../api/types';
import { NetworkIcon } from '../channels/channel-label';
import { describeNetwork } from '../channels/networks';
import { effectiveText, type ChannelChoice } from './composer-values';
import { ChannelCounter, isChoiceOverLimit } from './channel-counter';
import { GraphemeCounter } from './grapheme-counter';
import { SharedExtras } from './post-extras';
import { isBlocking, ViolationsList } from './violations-list';
import { NetworkOptions } from './network-options';

interface ChannelTextTabsProps {
  text: string;
  onTextChange: (text: string) => void;
  choices: ChannelChoice[];
  onChoiceChange: (choice: ChannelChoice) => void;
  channels: Map<string, Channel>;
  violations: Violation[];
  editable: boolean;
  textError?: string | undefined;
}

const SHARED_TAB = 'shared';

export function ChannelTextTabs(props: ChannelTextTabsProps) {
  const { t } = useTranslation();
  const { text, onTextChange, choices, onChoiceChange, channels, violations, editable } = props;
  const tid = (name: string) => (editable ? `write-${name}` : name);
  const [active, setActive] = useState(SHARED_TAB);
  // A channel removed from the post takes its tab with it: fall back to the shared text.
  const current = choices.some((choice) => choice.channelId === active) ? active : SHARED_TAB;

  return (
    <Tabs
      value={current}
      onChange={(value) => setActive(value ?? SHARED_TAB)}
      keepMounted={false}
      data-testid="post-text-tabs"
    >
      <Tabs.List>
        <Tabs.Tab value={SHARED_TAB}>{t('composer.allNetworks')}</Tabs.Tab>
        {choices.map((choice) => {
          const channel = channels.get(choice.channelId);
          const network = channel?.network ?? 'unknown';
          const problems =
            violations.filter((violation) => violation.channelId === choice.channelId && isBlocking(violation)).length +
            (isChoiceOverLimit(choice, effectiveText({ text }, choice), network) ? 1 : 0);
          return (
            <Tabs.Tab
              key={choice.channelId}
              value={choice.channelId}
              leftSection={<NetworkIcon network={network} size={14} />}
              rightSection={
                problems > 0 ? (
                  <Badge size="xs" color="orange" circle>
                    !
                  </Badge>
                ) : null
              }
              data-testid={`post-channel-tab-${choice.channelId}`}
            >
              {channel?.name ?? t('composer.unknownChannel')}
            </Tabs.Tab>
          );
        })}
      </Tabs.List>

      <Tabs.Panel value={SHARED_TAB} pt="sm">
        <Stack gap={6}>
          <Textarea
            aria-label={t('composer.text')}
            placeholder={t('composer.textPlaceholder')}
            value={text}
            onChange={(event) => onTextChange(event.currentTarget.value)}
            autosize
            minRows={6}
            maxRows={18}
            readOnly={!editable}
            error={props.textError}
            data-testid={tid('post-text')}
          />
          <Group gap="md" wrap="wrap">
            <GraphemeCounter text={text} testId="post-text-count" />
            {choices.map((choice) => {
              const channel = channels.get(choice.channelId);
              if (!channel) return null;
              return (
                <Group key={choice.channelId} gap={4} wrap="nowrap">
                  <NetworkIcon network={channel.network} size={12} />
                  <ChannelCounter
                    choice={choice}
                    text={effectiveText({ text }, choice)}
                    network={channel.network}
                    testId={`post-count-${choice.channelId}`}
                  />
                </Group>
              );
            })}
          </Group>
          {choices.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('composer.serverChecks')}
            </Text>
          )}
          <SharedExtras
            text={text}
            choices={choices}
            channels={channels}
            onChoiceChange={onChoiceChange}
            editable={editable}
          />
        </Stack>
      </Tabs.Panel>

      {choices.map((choice) => {
        const channel = channels.get(choice.channelId);
        const adapted = choice.text !== null;
        return (
          <Tabs.Panel key={choice.channelId} value={choice.channelId} pt="sm">
            <Stack gap="sm">
              <Switch
                label={t('composer.adapt')}
                description={t('composer.adaptHint')}
                checked={adapted}
                disabled={!editable}
                // Start the adaptation from the shared text: people usually trim or tweak it.
                onChange={(event) => onChoiceChange({ ...choice, text: event.currentTarget.checked ? text : null })}
                data-testid={tid(`post-adapt-${choice.channelId}`)}
              />
              <Textarea
                aria-label={`${t('composer.text')} · ${channel ? describeNetwork(channel.network).label : ''}`}
                value={effectiveText({ text }, choice)}
                onChange={(event) => onChoiceChange({ ...choice, text: event.currentTarget.value })}
                autosize
                minRows={6}
                maxRows={18}
                readOnly={!editable || !adapted}
                variant={adapted ? 'default' : 'filled'}
                data-testid={tid(`post-channel-text-${choice.channelId}`)}
              />
              <ChannelCounter
                choice={choice}
                text={effectiveText({ text }, choice)}
                network={channel?.network ?? 'unknown'}
              />
              <NetworkOptions
                network={channel?.network ?? 'unknown'}
                choice={choice}
                text={effectiveText({ text }, choice)}
                onChange={onChoiceChange}
                editable={editable}
              />
              <ViolationsList
                violations={violations.filter((violation) => violation.channelId === choice.channelId)}
                channels={channels}
                showChannel={false}
              />
            </Stack>
          </Tabs.Panel>
        );
      })}
    </Tabs>
  );
}
