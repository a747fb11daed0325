// The composer's form state: the values being edited, the saved version they started from (unsaved changes are
// the difference), and adoption of a newer saved version (our own save, a workflow action, a poll) unless it
// would overwrite edits the user is still making.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { PostDetail } from '../../api/types';
import { readNewPostAt } from '../calendar/new-post-at';
import { emptyValues, sameValues, valuesFromPost, type ChannelChoice, type ComposerValues } from './composer-values';

export interface ComposerForm {
  values: ComposerValues;
  dirty: boolean;
  update(patch: Partial<ComposerValues>): void;
  /** Keeps each kept channel's adaptations; a new channel starts with the shared text. */
  setChannelIds(ids: string[]): void;
  updateChoice(choice: ChannelChoice): void;
  /** The values just sent: when the server answers with them, they are no longer "unsaved". */
  markSubmitted(values: ComposerValues): void;
}

export function useComposerForm(post: PostDetail | undefined, timeZone: string, userId: string): ComposerForm {
  // A new post may start at a date the calendar chose (?at=, read safely: anything else is ignored).
  const [search] = useSearchParams();
  const startAt = readNewPostAt(search.get('at'));
  const initial = post
    ? valuesFromPost(post, timeZone)
    : emptyValues(userId, startAt ? { at: startAt, timeZone } : undefined);
  const [values, setValues] = useState<ComposerValues>(initial);
  const [synced, setSynced] = useState({ version: post?.updatedAt, baseline: initial });
  const [submitted, setSubmitted] = useState<ComposerValues | null>(null);

  if (post && post.updatedAt !== synced.version) {
    const next = valuesFromPost(post, timeZone);
    const untouched = sameValues(values, synced.baseline) || (submitted !== null && sameValues(values, submitted));
    setSynced({ version: post.updatedAt, baseline: next });
    setSubmitted(null);
    if (untouched) setValues(next);
  }

  const dirty = !sameValues(values, synced.baseline);

  // Closing the tab or reloading with unsaved text asks first (in-app links don't: BrowserRouter has no blocker).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const update = (patch: Partial<ComposerValues>) => setValues((current) => ({ ...current, ...patch }));
  return {
    values,
    dirty,
    update,
    setChannelIds(ids) {
      const previous = new Map(values.channels.map((choice) => [choice.channelId, choice]));
      update({ channels: ids.map((channelId) => previous.get(channelId) ?? { channelId, text: null }) });
    },
    updateChoice(choice) {
      update({
        channels: values.channels.map((current) => (current.channelId === choice.channelId ? choice : current)),
      });
    },
    markSubmitted: setSubmitted,
  };
}
