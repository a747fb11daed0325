import { describe, expect, it } from 'vitest';
import { countForNetwork } from '@rostra/connectors/counting';
import { toPostBody, type ComposerValues } from './composer-values';
import { moveItem } from '../../ui/move-item';
import { insertPartAfter, removePart, splitThreadAutomatically, writeThreadByHand } from './thread-parts';
import { threadPartsFor } from './thread-preview';

const parts = ['Un.', 'Deux.', 'Trois.'];

describe('thread parts', () => {
  it.each([
    [0, ['Un.', '', 'Deux.', 'Trois.']],
    [2, ['Un.', 'Deux.', 'Trois.', '']],
  ])('inserts an empty part after %i', (index, expected) => {
    expect(insertPartAfter(parts, index)).toEqual(expected);
  });

  it.each([
    [0, ['Deux.', 'Trois.']],
    [1, ['Un.', 'Trois.']],
  ])('removes part %i', (index, expected) => {
    expect(removePart(parts, index)).toEqual(expected);
  });

  it('keeps one empty part when the last one goes', () => {
    expect(removePart(['Seul.'], 0)).toEqual(['']);
  });

  it.each([
    [1, -1, ['Deux.', 'Un.', 'Trois.']],
    [1, 1, ['Un.', 'Trois.', 'Deux.']],
    [0, -1, parts],
    [2, 1, parts],
  ] as const)('moves part %i by %i', (index, by, expected) => {
    expect(moveItem(parts, index, by)).toEqual(expected);
  });

  it('leaves the list it was given untouched', () => {
    const given = [...parts];
    insertPartAfter(given, 0);
    removePart(given, 0);
    moveItem(given, 0, 1);
    expect(given).toEqual(parts);
  });

  it('switches to parts written by hand and back, and sends each mode as the API expects', () => {
    const split = { channelId: 'c1', text: null, thread: true, threadNumbering: true };
    const written = writeThreadByHand(split, ['Un.', 'Deux.']);
    expect(written).toEqual({ channelId: 'c1', text: null, thread: false, threadParts: ['Un.', 'Deux.'] });
    expect(writeThreadByHand({ channelId: 'c1', text: null }, []).threadParts).toEqual(['']);

    const values: ComposerValues = {
      text: 'Un. Deux.',
      channels: [written],
      media: [],
      themeId: null,
      contentTypeId: null,
      ownerId: null,
      backupOwnerId: null,
      scheduledLocal: '',
    };
    expect(toPostBody(values, 'Europe/Paris').channels[0]).toMatchObject({ thread: ['Un.', 'Deux.'] });

    const back = splitThreadAutomatically(written);
    expect(back).toEqual({ channelId: 'c1', text: null, thread: true });
    expect(toPostBody({ ...values, channels: [back] }, 'Europe/Paris').channels[0]).toMatchObject({ thread: true });
  });
});

describe('live thread split', () => {
  it('counts the network’s way: Mastodon links as 23, so parts are as long as the server makes them', () => {
    const link = `https://www.example.org/${'dossier/'.repeat(30)}conseil.pdf`;
    const sentence = `Le compte rendu du conseil est en ligne : ${link} . `;
    const text = sentence.repeat(12).trim();
    const parts = threadPartsFor({ channelId: 'c', text: null, thread: true }, text, 'mastodon');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(countForNetwork('mastodon', part)).toBeLessThanOrEqual(500);
    // Counted as plain characters, the same parts would be far over the limit.
    expect(Math.max(...parts.map((part) => [...part].length))).toBeGreaterThan(1000);
  });
});
