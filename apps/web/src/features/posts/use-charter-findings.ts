// The editorial charter checked live while composing: each selected channel's text as it will go out (its own text
// or the shared one; a thread written part by part, parts joined as the server joins them) and the post's media,
// through @rostra/core's checkCharter — the function the server runs before approval.
import { checkCharter, type CharterChannelContent, type CharterFinding } from '@rostra/core';
import { useDeferredValue, useMemo } from 'react';
import type { Channel } from '../../api/types';
import { useCharter } from '../charter/use-charter';
import { effectiveText, type ChannelChoice, type ComposerValues } from './composer-values';

export function charterContentOf(values: ComposerValues, channels: Map<string, Channel>): CharterChannelContent[] {
  const media = values.media.map((item) => ({
    kind: item.file.mimeType.startsWith('image/') ? ('image' as const) : ('video' as const),
    alt: item.alt,
  }));
  return values.channels.map((choice) => ({
    channelId: choice.channelId,
    network: channels.get(choice.channelId)?.network ?? 'unknown',
    text: choice.threadParts ? choice.threadParts.join('\n\n') : effectiveText(values, choice),
    media,
  }));
}

/** The findings for the values being typed (deferred, so typing never waits on the check). */
export function useCharterFindings(
  workspaceId: string,
  values: ComposerValues,
  channels: Map<string, Channel>,
): CharterFinding[] {
  const charter = useCharter(workspaceId).data?.charter;
  const deferred = useDeferredValue(values);
  const networks = [...channels.values()].map((c) => `${c.id}:${c.network}`).join();
  return useMemo(
    () => (charter ? checkCharter(charter, charterContentOf(deferred, channels)) : []),
    // `channels` is rebuilt on every render; its ids and networks are what the check reads.
    [charter, deferred, networks],
  );
}

/** The choice's text with the finding's fix in place of its range; undefined when it cannot be applied here. */
export function applyFinding(
  values: ComposerValues,
  choice: ChannelChoice,
  finding: CharterFinding,
): { shared: boolean; text: string } | undefined {
  if (!finding.range || finding.fix === undefined || choice.threadParts) return undefined;
  const text = effectiveText(values, choice);
  const fixed = text.slice(0, finding.range.start) + finding.fix + text.slice(finding.range.end);
  return { shared: choice.text === null, text: fixed };
}
