// The one suite every publisher runs: the promises Rostra's workers and composer rely on, checked against
// what the network really holds afterwards. A network's own quirks are tested beside it, not here.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChannelCredentials, Connector, MediaAttachment, Publisher, PublishedRef } from '../connector.js';
import { ConnectorError } from '../errors.js';

/** A post as the network holds it, read back through the network's own API. */
export interface HeldPost {
  id: string;
  text: string;
  /** The id of the post it answers. */
  replyTo?: string;
  /** The id of its thread's first post, for a reply. */
  threadRoot?: string;
  /** The alternative text of each image, in order. */
  alts: string[];
}

export interface PublisherHarness {
  connector: Connector;
  /** A channel that may publish. */
  credentials: ChannelCredentials;
  /** The same channel with a token the network refuses (expired, revoked or forged). */
  badCredentials: ChannelCredentials;
  /** Every post of the channel, as the network holds it now. */
  listPosts(): Promise<HeldPost[]>;
  /** The network's text limit, counted its way; the suite writes 12 ASCII letters more. */
  textLimit: number;
  /** An image the network accepts; absent when the publisher takes no media. */
  sampleImage?: MediaAttachment;
  /** The network has no text-only post (Instagram): every post the suite publishes carries `sampleImage`. */
  mediaRequired?: boolean;
}

export function describePublisherContract(name: string, makeHarness: () => Promise<PublisherHarness>): void {
  describe(`${name} publisher contract`, () => {
    let harness: PublisherHarness;
    let publisher: Publisher;
    const newKey = () => `${name}-contract-${randomUUID()}`;
    const textFor = (label: string) => `Contrat ${label} ${randomUUID().slice(0, 8)} : éléments à vérifier ✅`;
    const heldWith = async (id: string) => (await harness.listPosts()).filter((post) => post.id === id);
    /** A post as the network takes it: with the sample image where a post needs media. */
    const post = (text: string) =>
      harness.mediaRequired && harness.sampleImage ? { text, media: [harness.sampleImage] } : { text };

    beforeAll(async () => {
      harness = await makeHarness();
      if (!harness.connector.publisher) throw new Error(`${name} has no publisher`);
      publisher = harness.connector.publisher;
    });

    it('publishes a text post that the network then holds', async () => {
      const text = textFor('texte');
      const ref = await publisher.publish(harness.credentials, { idempotencyKey: newKey(), ...post(text) });
      expect(ref.id).not.toBe('');
      expect(ref.url).toMatch(/^https:\/\//);
      expect(await heldWith(ref.id)).toEqual([expect.objectContaining({ id: ref.id, text })]);
    });

    it('publishes once for one idempotency key, and answers the same ref both times', async (context) => {
      if (!publisher.idempotent) return context.skip('this publisher does not de-duplicate (idempotent: false)');
      const request = { idempotencyKey: newKey(), ...post(textFor('idempotence')) };
      const first = await publisher.publish(harness.credentials, request);
      const second = await publisher.publish(harness.credentials, request);
      expect(second).toEqual(first);
      expect((await harness.listPosts()).filter((post) => post.text === request.text)).toHaveLength(1);
    });

    it('accepts a post within the rules', () => {
      expect(publisher.validate(post(textFor('valide'))).filter((v) => (v.severity ?? 'error') === 'error')).toEqual(
        [],
      );
    });

    it('flags an over-long post with a violation naming the network, the rule and the excess', () => {
      const violations = publisher.validate({ text: 'a'.repeat(harness.textLimit + 12) });
      expect(violations).toContainEqual(
        expect.objectContaining({ network: harness.connector.network, rule: expect.any(String), excess: 12 }),
      );
    });

    it('replies in a thread: each reply names its parent and the thread root', async () => {
      const root = await publisher.publish(harness.credentials, {
        idempotencyKey: newKey(),
        ...post(textFor('fil 1/3')),
      });
      const second = await publisher.publish(harness.credentials, {
        idempotencyKey: newKey(),
        text: textFor('fil 2/3'),
        replyTo: root,
      });
      const third = await publisher.publish(harness.credentials, {
        idempotencyKey: newKey(),
        text: textFor('fil 3/3'),
        replyTo: second,
      });
      expect(await heldWith(second.id)).toEqual([expect.objectContaining({ replyTo: root.id, threadRoot: root.id })]);
      expect(await heldWith(third.id)).toEqual([expect.objectContaining({ replyTo: second.id, threadRoot: root.id })]);
    });

    it('publishes media with its alternative text, when the network takes media', async (context) => {
      const image = harness.sampleImage;
      if (!image) return context.skip('this publisher takes no media');
      const alt = 'Le parvis de la mairie, un matin de marché';
      const ref = await publisher.publish(harness.credentials, {
        idempotencyKey: newKey(),
        text: textFor('image'),
        media: [{ ...image, alt }],
      });
      expect(await heldWith(ref.id)).toEqual([expect.objectContaining({ alts: [alt] })]);
    });

    it('turns a refused credential into auth_expired', async () => {
      const attempt = publisher.publish(harness.badCredentials, {
        idempotencyKey: newKey(),
        ...post(textFor('refus')),
      });
      await expect(attempt).rejects.toBeInstanceOf(ConnectorError);
      await expect(attempt).rejects.toMatchObject({ code: 'auth_expired', network: harness.connector.network });
    });

    it('finds a published post by its idempotency key, and nothing for an unused key', async (context) => {
      const findPublished = publisher.findPublished?.bind(publisher);
      if (!findPublished) return context.skip('this publisher cannot look posts up');
      const key = newKey();
      const ref: PublishedRef = await publisher.publish(harness.credentials, {
        idempotencyKey: key,
        ...post(textFor('trouvé')),
      });
      expect(await findPublished(harness.credentials, key)).toEqual(ref);
      expect(await findPublished(harness.credentials, newKey())).toBeUndefined();
    });
  });
}
