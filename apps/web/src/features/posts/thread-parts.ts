// A thread written part by part in the composer: the moves people make on its parts, and the switch between
// Rostra's automatic split and parts written by hand. Pure, so the editor only renders and forwards.
import type { ChannelChoice } from './composer-values';

/** An empty part after `index`, where the person goes on writing. */
export function insertPartAfter(parts: readonly string[], index: number): string[] {
  const next = [...parts];
  next.splice(index + 1, 0, '');
  return next;
}

/** Without the part at `index`; the last part stays (empty) so the editor always has somewhere to write. */
export function removePart(parts: readonly string[], index: number): string[] {
  const next = parts.filter((_, i) => i !== index);
  return next.length > 0 ? next : [''];
}

/**
 * Writing by hand starts from what the person sees (the live split, or the text alone). The split's
 * " 1/3" numbering is left out: it would be wrong as soon as a part moves.
 */
export function writeThreadByHand(choice: ChannelChoice, startingParts: readonly string[]): ChannelChoice {
  const { threadNumbering: _numbering, ...rest } = choice;
  return { ...rest, thread: false, threadParts: startingParts.length > 0 ? [...startingParts] : [''] };
}

/** Back to Rostra's split of the channel's text; the parts written by hand are dropped. */
export function splitThreadAutomatically(choice: ChannelChoice): ChannelChoice {
  const { threadParts: _parts, ...rest } = choice;
  return { ...rest, thread: true };
}
