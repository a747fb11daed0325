import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import fr from '../../i18n/fr.json';
import { describeNotification, notificationDetail, safeLink, type AppNotification } from './notification-text';

/** The real i18next over the French messages: the sentences, their values and their number formats. */
const i18n = i18next.createInstance();
await i18n.init({ lng: 'fr', resources: { fr: { translation: fr } }, interpolation: { escapeValue: false } });
const t = i18n.t.bind(i18n) as TFunction;

const base: AppNotification = {
  id: 'n1',
  workspaceId: 'w1',
  kind: 'post.commented',
  params: { post: '<b>Fête</b> des Lumières', actor: 'Camille' },
  link: '/w/w1/posts/p1',
  actorId: 'u1',
  createdAt: '2026-01-01T00:00:00.000Z',
  readAt: null,
};

describe('describeNotification', () => {
  it('puts the params in the sentence of the kind, as they are', () => {
    expect(describeNotification(base, t)).toBe('Camille a commenté « <b>Fête</b> des Lumières »');
  });

  it('says "someone" without an actor, and has a sentence for every kind the server sends', () => {
    for (const kind of [
      'post.commented',
      'post.submitted',
      'post.approved',
      'post.rejected',
      'post.published',
      'post.failed',
      'post.unconfirmed',
      'channel.needs_reconnect',
    ]) {
      expect(describeNotification({ ...base, kind, params: { post: 'P', channel: 'C' } }, t)).not.toBe('');
    }
    expect(describeNotification({ ...base, params: { post: 'P' } }, t)).toContain('Quelqu’un');
    expect(describeNotification({ ...base, kind: 'alert.fired' }, t)).toBe(fr.notifications.kinds.other);
  });

  it('says what a listening alert found, with figures rounded for reading', () => {
    const alert = { ...base, kind: 'alert.volume_spike', link: '/w/w1/listening?topic=t1' };
    expect(
      describeNotification({ ...alert, params: { topic: 'Piscine', count: 30, mean: 2.04, threshold: 7.6569 } }, t),
    ).toBe('Pic de volume sur « Piscine » : 30 mentions la dernière heure (moyenne 2, seuil 7,7)');
    expect(
      describeNotification(
        {
          ...alert,
          kind: 'alert.negative_share',
          params: { topic: 'Piscine', share: 0.4567, negative: 21, total: 46 },
        },
        t,
      ),
    ).toBe('Part négative élevée sur « Piscine » : 46\u00a0% (21 sur 46)');
    expect(describeNotification({ ...alert, kind: 'alert.new_source', params: { topic: 'Piscine' } }, t)).toBe(
      'Nouvelle source sur « Piscine » : Quelqu’un',
    );
  });

  it('shows an error as a detail and follows only links inside the app', () => {
    expect(notificationDetail({ ...base, params: { error: 'HTTP 500' } })).toBe('HTTP 500');
    expect(notificationDetail(base)).toBeNull();
    expect(safeLink('/w/w1/posts/p1')).toBe('/w/w1/posts/p1');
    expect(safeLink('https://evil.example')).toBeNull();
    expect(safeLink('//evil.example')).toBeNull();
    expect(safeLink(null)).toBeNull();
  });
});
