// The editorial charter checked live while composing: each selected channel's text as it will go out (its own text
// or the shared one; a thread written part by part, parts joined as the server joins them), its first comment and
// the post's media,
// through @rostra/core's checkCharter — the function the server runs before approval.
import { checkCharter, type CharterChannelContent, type CharterFinding } from '@rostra/core';
import { useDeferredValue, useMemo } from 'react';
import type { Channel } from '../../api/types';
import { describeNetwork } from '../channels/networks';
import { useCharter } from '../charter/use-charter';
import { effectiveText, type ChannelChoice, type ComposerValues } from './composer-values';

export function charterContentOf(values: ComposerValues, channels: Map<string, Channel>): CharterChannelContent[] {
  const media = values.media.map((item) => ({
    kind: item.file.mimeType.startsWith('image/') ? ('image' as const) : ('video' as const),
    alt: item.alt,
  }));
  return values.channels.map((choice) => {
    const network = channels.get(choice.channelId)?.network ?? 'unknown';
    return {
      channelId: choice.channelId,
      network,
      text: choice.threadParts ? choice.threadParts.join('\n\n') : effectiveText(values, choice),
      media,
      // Only where the network publishes one, as the composer sends it.
      firstComment: describeNetwork(network).firstComment ? choice.firstComment : undefined,
    };
  });
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

/**
 * The choice's text (or first comment, for a finding in it) with the finding's fix in place of its range; undefined
 * when it cannot be applied here.
 */
export function applyFinding(
  values: ComposerValues,
  choice: ChannelChoice,
  finding: CharterFinding,
): { shared: boolean; text: string } | { firstComment: string } | undefined {
  if (!finding.range || finding.fix === undefined) return undefined;
  const { start, end } = finding.range;
  if (finding.part === 'first_comment') {
    const comment = choice.firstComment ?? '';
    return { firstComment: comment.slice(0, start) + finding.fix + comment.slice(end) };
  }
  if (choice.threadParts) return undefined;
  const text = effectiveText(values, choice);
  return { shared: choice.text === null, text: text.slice(0, start) + finding.fix + text.slice(end) };
}
