// A channel's settings beyond its text, in its tab: the network's own options (Mastodon
// visibility and content warning; WordPress title, categories, tags, draft or published), then its first comment
// and thread (post-extras.tsx). The network's connector checks them server-side.
import { Select, SegmentedControl, Stack, TagsInput, TextInput, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChannelChoice } from './composer-values';
import { PostExtras } from './post-extras';

interface NetworkOptionsProps {
  network: string;
  choice: ChannelChoice;
  /** The text this channel publishes (its own or the shared one). */
  text: string;
  onChange: (choice: ChannelChoice) => void;
  editable: boolean;
}

// https://docs.joinmastodon.org/methods/statuses/#create (visibility)
const MASTODON_VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;

export function NetworkOptions({ network, choice, text, onChange, editable }: NetworkOptionsProps) {
  const { t } = useTranslation();
  const id = choice.channelId;
  const tid = (name: string) => (editable ? `write-${name}-${id}` : `${name}-${id}`);
  const options = choice.options ?? {};
  const setOption = (key: string, value: unknown) => onChange({ ...choice, options: { ...options, [key]: value } });
  const str = (key: string) => (typeof options[key] === 'string' ? (options[key] as string) : '');
  const list = (key: string) =>
    Array.isArray(options[key]) ? (options[key] as unknown[]).filter((v): v is string => typeof v === 'string') : [];

  return (
    <Stack gap="sm">
      {network === 'mastodon' && (
        <>
          <Select
            label={t('postOptions.visibility')}
            data={MASTODON_VISIBILITIES.map((value) => ({ value, label: t(`postOptions.visibilities.${value}`) }))}
            value={str('visibility') || null}
            placeholder={t('postOptions.visibilityDefault')}
            onChange={(value) => setOption('visibility', value ?? undefined)}
            clearable
            readOnly={!editable}
            data-testid={tid('post-option-visibility')}
          />
          <TextInput
            label={t('postOptions.contentWarning')}
            description={t('postOptions.contentWarningHint')}
            value={str('spoilerText')}
            onChange={(event) => setOption('spoilerText', event.currentTarget.value)}
            readOnly={!editable}
            data-testid={tid('post-option-cw')}
          />
        </>
      )}
      {network === 'wordpress' && (
        <>
          <TextInput
            label={t('postOptions.title')}
            value={str('title')}
            onChange={(event) => setOption('title', event.currentTarget.value)}
            readOnly={!editable}
            data-testid={tid('post-option-title')}
          />
          <TagsInput
            label={t('postOptions.categories')}
            value={list('categories')}
            onChange={(value) => setOption('categories', value)}
            readOnly={!editable}
          />
          <TagsInput
            label={t('postOptions.tags')}
            value={list('tags')}
            onChange={(value) => setOption('tags', value)}
            readOnly={!editable}
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('postOptions.status')}
            </Text>
            <SegmentedControl
              data={[
                { value: 'draft', label: t('postOptions.statusDraft') },
                { value: 'publish', label: t('postOptions.statusPublish') },
              ]}
              value={str('status') || 'publish'}
              onChange={(value) => setOption('status', value)}
              disabled={!editable}
            />
          </Stack>
        </>
      )}
      <PostExtras network={network} choice={choice} text={text} onChange={onChange} editable={editable} />
    </Stack>
  );
}
