import { describe, expect, it } from 'vitest';
import {
  compileRule,
  describeText,
  evaluateBatch,
  evaluateRules,
  toRuleSubject,
  tryRule,
  validateRule,
  type ModerationRule,
  type RuleRunContext,
  type RuleSubject,
} from './rules.js';
import type { InboxItem } from './types.js';

const DAY = 86_400_000;
const MONDAY = Date.parse('2026-11-23T10:00+01:00');

function item(
  id: string,
  fields: Partial<Omit<RuleSubject, 'author'>> & { author?: Partial<RuleSubject['author']> },
): RuleSubject {
  return {
    id,
    text: '',
    language: 'fr',
    url: null,
    sentiment: null,
    kind: 'comment',
    network: 'bluesky',
    canHide: true,
    receivedAt: MONDAY,
    ...fields,
    author: { handle: 'quelquun.bsky.social', followers: 50, watched: false, firstContact: false, ...fields.author },
  };
}

function rule(id: string, fields: Partial<ModerationRule>): ModerationRule {
  return { id, name: id, enabled: true, match: 'all', conditions: [], actions: [], stop: false, ...fields };
}

const ITEMS = {
  thanks: item('thanks', {
    kind: 'reply',
    text: 'Merci pour l’info ! 👍',
    sentiment: { label: 'positive', confidence: 0.9 },
  }),
  spam: item('spam', {
    network: 'facebook',
    text: 'Gagnez de l’argent facile https://gains.example/win',
    sentiment: { label: 'negative', confidence: 0.6 },
    author: { followers: 3, firstContact: true },
  }),
  complaint: item('complaint', {
    network: 'mastodon',
    kind: 'mention',
    canHide: false,
    text: '@mairie@piaille.fr la piscine est encore fermée, c’est inadmissible',
    sentiment: { label: 'negative', confidence: 0.92 },
    author: { handle: 'journaliste@piaille.fr', followers: 15_000, watched: true },
  }),
  tags: item('tags', { network: 'instagram', text: '@lea_m @tom.b', sentiment: { label: 'neutral', confidence: 0.5 } }),
  emojis: item('emojis', { network: 'instagram', text: '😍😍 🔥', sentiment: { label: 'positive', confidence: 0.8 } }),
  hours: item('hours', {
    network: 'x',
    kind: 'message',
    canHide: false,
    text: 'Bonjour, quels sont les horaires de la mairie ?',
    sentiment: { label: 'neutral', confidence: 0.7 },
    author: { followers: null },
  }),
  blog: item('blog', { network: 'wordpress', language: 'en', text: 'Great article about the new cycling lanes' }),
  english: item('english', { language: 'en', text: 'Is the town hall open on Sunday?' }),
};

const RULES: ModerationRule[] = [
  rule('spam', {
    conditions: [{ type: 'has_link' }, { type: 'first_contact' }],
    actions: [
      { type: 'mark_done', spam: true },
      { type: 'hide', reason: 'Lien publicitaire' },
      { type: 'label', label: 'spam' },
    ],
    stop: true,
  }),
  rule('complaints', {
    conditions: [
      { type: 'query', query: 'fermé* OR inadmissible OR scandale' },
      { type: 'sentiment', label: 'negative', minConfidence: 0.8 },
    ],
    actions: [
      { type: 'label', label: ' réclamation ' },
      { type: 'assign', memberId: 'claire' },
      { type: 'set_priority', priority: 90 },
    ],
  }),
  rule('vip', {
    match: 'any',
    conditions: [{ type: 'author_watched' }, { type: 'followers_at_least', count: 10_000 }],
    actions: [
      { type: 'label', label: 'VIP' },
      { type: 'assign', memberId: 'paul' },
    ],
  }),
  rule('emoji-thanks', {
    conditions: [{ type: 'only_emojis' }, { type: 'kind', kinds: ['comment', 'reply'] }],
    actions: [
      { type: 'mark_done', spam: false },
      { type: 'label', label: 'remerciement' },
    ],
  }),
  rule('tagging', { conditions: [{ type: 'only_mentions' }], actions: [{ type: 'mark_done', spam: false }] }),
  rule('opening-hours', {
    conditions: [
      { type: 'query', query: 'horaires AND lang:fr' },
      { type: 'network', networks: ['x', 'facebook'] },
      { type: 'kind', kinds: ['message'] },
    ],
    actions: [
      { type: 'reply', savedReplyId: 'sr-hours', dailyCap: 2 },
      { type: 'label', label: 'horaires' },
    ],
  }),
  rule('english', {
    conditions: [
      { type: 'query', query: 'lang:en' },
      { type: 'network', networks: ['wordpress'], negate: true },
    ],
    actions: [{ type: 'label', label: 'english' }],
  }),
];

const ON: RuleRunContext = { autoReplies: true, repliesSentToday: {} };
const compiled = RULES.map(compileRule);

/** An evaluation as `rule:type:value` strings, easy to read in a table. */
function summarise(subject: RuleSubject, context = ON, rules = compiled) {
  const evaluation = evaluateRules(rules, subject, context);
  const show = (a: (typeof evaluation.actions)[number]) => {
    const value =
      a.type === 'label'
        ? a.label
        : a.type === 'assign'
          ? a.memberId
          : a.type === 'set_priority'
            ? a.priority
            : a.type === 'mark_done'
              ? a.spam
              : a.type === 'hide'
                ? a.reason
                : a.savedReplyId;
    return `${a.ruleId}:${a.type}:${value}`;
  };
  return {
    matched: evaluation.matchedRuleIds,
    actions: evaluation.actions.map(show),
    skipped: evaluation.skipped.map((s) => `${show(s.action)} (${s.reason})`),
  };
}

describe('items × rules → actions', () => {
  it.each([
    ['a thank-you in words', ITEMS.thanks, [], [], []],
    [
      'a first-contact link: spam, hidden, and the rules after it not run',
      ITEMS.spam,
      ['spam'],
      ['spam:mark_done:true', 'spam:hide:Lien publicitaire', 'spam:label:spam'],
      [],
    ],
    [
      'a watched journalist complaining: the first assignment wins, labels add up',
      ITEMS.complaint,
      ['complaints', 'vip'],
      ['complaints:label:réclamation', 'complaints:assign:claire', 'complaints:set_priority:90', 'vip:label:VIP'],
      ['vip:assign:paul (already_decided)'],
    ],
    ['friends tagged', ITEMS.tags, ['tagging'], ['tagging:mark_done:false'], []],
    [
      'only emojis',
      ITEMS.emojis,
      ['emoji-thanks'],
      ['emoji-thanks:mark_done:false', 'emoji-thanks:label:remerciement'],
      [],
    ],
    [
      'a private question on X: the saved reply',
      ITEMS.hours,
      ['opening-hours'],
      ['opening-hours:reply:sr-hours', 'opening-hours:label:horaires'],
      [],
    ],
    ['English on WordPress (negated network)', ITEMS.blog, [], [], []],
    ['English elsewhere', ITEMS.english, ['english'], ['english:label:english'], []],
  ])('%s', (_name, subject, matched, actions, skipped) => {
    expect(summarise(subject)).toEqual({ matched, actions, skipped });
  });
});

describe('evaluation', () => {
  it('runs the rules after a matching one unless it stops', () => {
    const everything = rule('everything', {
      conditions: [{ type: 'has_link' }],
      actions: [{ type: 'label', label: 'lien' }],
    });
    const [spam] = RULES as [ModerationRule];
    expect(summarise(ITEMS.spam, ON, [spam, everything].map(compileRule)).matched).toEqual(['spam']);
    expect(summarise(ITEMS.spam, ON, [{ ...spam, stop: false }, everything].map(compileRule)).matched).toEqual([
      'spam',
      'everything',
    ]);
  });

  it('skips disabled rules', () => {
    const disabled = RULES.map((r) => (r.id === 'complaints' ? { ...r, enabled: false } : r)).map(compileRule);
    expect(summarise(ITEMS.complaint, ON, disabled).actions).toEqual(['vip:label:VIP', 'vip:assign:paul']);
  });

  it('does not hide where the network cannot, and still does the rest', () => {
    expect(summarise({ ...ITEMS.spam, network: 'mastodon', canHide: false })).toEqual({
      matched: ['spam'],
      actions: ['spam:mark_done:true', 'spam:label:spam'],
      skipped: ['spam:hide:Lien publicitaire (hide_unsupported)'],
    });
  });

  it('replies only when the workspace opted in, under the rule’s daily cap', () => {
    expect(summarise(ITEMS.hours, { autoReplies: false, repliesSentToday: {} }).skipped).toEqual([
      'opening-hours:reply:sr-hours (auto_replies_off)',
    ]);
    expect(summarise(ITEMS.hours, { autoReplies: true, repliesSentToday: { 'opening-hours': 2 } })).toEqual({
      matched: ['opening-hours'],
      actions: ['opening-hours:label:horaires'],
      skipped: ['opening-hours:reply:sr-hours (daily_cap_reached)'],
    });
    expect(
      summarise(ITEMS.hours, { autoReplies: true, repliesSentToday: { other: 5, 'opening-hours': 1 } }).actions,
    ).toContain('opening-hours:reply:sr-hours');
  });

  it('counts a batch’s own replies against the cap', () => {
    const batch = ['a', 'b', 'c'].map((id) => ({ ...ITEMS.hours, id }));
    const replies = evaluateBatch(compiled, batch, { autoReplies: true, repliesSentToday: { 'opening-hours': 1 } }).map(
      (e) => e.actions.some((a) => a.type === 'reply'),
    );
    expect(replies).toEqual([true, false, false]);
  });

  it('never answers what an earlier rule called spam', () => {
    const junk = rule('junk', {
      conditions: [{ type: 'kind', kinds: ['message'] }],
      actions: [{ type: 'mark_done', spam: true }],
    });
    const result = summarise(ITEMS.hours, ON, [junk, ...RULES].map(compileRule));
    expect(result.skipped).toEqual(['opening-hours:reply:sr-hours (already_decided)']);
  });

  it('reads sentiment with its confidence, and no sentiment as no match', () => {
    const sure = compileRule(
      rule('sure', {
        conditions: [{ type: 'sentiment', label: 'negative', minConfidence: 0.9 }],
        actions: [{ type: 'label', label: 'x' }],
      }),
    );
    expect(evaluateRules([sure], ITEMS.complaint, ON).matchedRuleIds).toEqual(['sure']);
    expect(evaluateRules([sure], ITEMS.spam, ON).matchedRuleIds).toEqual([]);
    expect(evaluateRules([sure], ITEMS.blog, ON).matchedRuleIds).toEqual([]);
  });
});

describe('describeText', () => {
  it.each([
    ['👍', { hasLink: false, onlyEmojis: true, onlyMentions: false }],
    ['@mairie 👏🏽👏🏽 !', { hasLink: false, onlyEmojis: true, onlyMentions: false }],
    ['👨‍👩‍👧 🇫🇷❤️', { hasLink: false, onlyEmojis: true, onlyMentions: false }],
    ['Bravo 👏', { hasLink: false, onlyEmojis: false, onlyMentions: false }],
    ['123', { hasLink: false, onlyEmojis: false, onlyMentions: false }],
    ['@lea_m @tom.b', { hasLink: false, onlyEmojis: false, onlyMentions: true }],
    ['@lea@piaille.fr, @tom.bsky.social !', { hasLink: false, onlyEmojis: false, onlyMentions: true }],
    ['écrivez à contact@mairie.fr', { hasLink: false, onlyEmojis: false, onlyMentions: false }],
    ['voir https://mairie.fr/travaux.', { hasLink: true, onlyEmojis: false, onlyMentions: false }],
    ['', { hasLink: false, onlyEmojis: false, onlyMentions: false }],
  ])('%j', (text, traits) => {
    expect(describeText(text)).toEqual(traits);
  });

  it('counts links the network gives apart from the text', () => {
    expect(describeText('regardez ça', ['https://mairie.fr']).hasLink).toBe(true);
  });
});

describe('validateRule', () => {
  const base = rule('r', {
    name: 'Réclamations',
    conditions: [{ type: 'has_link' }],
    actions: [{ type: 'label', label: 'x' }],
  });
  const problems = (r: ModerationRule, context = {}) =>
    validateRule(r, context).map((i) => [i.path, i.code, i.params ?? {}]);

  it('accepts every rule of the table', () => {
    for (const r of RULES)
      expect(validateRule(r, { memberIds: new Set(['claire', 'paul']), savedReplyIds: new Set(['sr-hours']) })).toEqual(
        [],
      );
  });

  it.each([
    [
      'no name, no condition, no action',
      { name: '  ', conditions: [], actions: [] },
      [
        ['name', 'required', {}],
        ['conditions', 'rule_no_conditions', {}],
        ['actions', 'rule_no_actions', {}],
      ],
    ],
    [
      'a hide without its reason',
      { actions: [{ type: 'hide', reason: ' ' }] },
      [['actions.0.reason', 'hide_reason_required', {}]],
    ],
    [
      'a reply to what it hides',
      {
        actions: [
          { type: 'hide', reason: 'injure' },
          { type: 'reply', savedReplyId: 's', dailyCap: 5 },
        ],
      },
      [['actions.1', 'rule_conflicting_actions', { first: 'hide', second: 'reply' }]],
    ],
    [
      'two assignments',
      {
        actions: [
          { type: 'assign', memberId: 'a' },
          { type: 'assign', memberId: 'b' },
        ],
      },
      [['actions.1', 'duplicate', {}]],
    ],
    [
      'a reply without a sensible cap',
      { actions: [{ type: 'reply', savedReplyId: 's', dailyCap: 0 }] },
      [['actions.0.dailyCap', 'too_small', { limit: 1 }]],
    ],
    [
      'a priority out of range',
      { actions: [{ type: 'set_priority', priority: 150 }] },
      [['actions.0.priority', 'too_big', { limit: 100 }]],
    ],
    [
      'a label too long',
      { actions: [{ type: 'label', label: 'x'.repeat(41) }] },
      [['actions.0.label', 'too_long', { limit: 40 }]],
    ],
    [
      'a confidence above 1',
      { conditions: [{ type: 'sentiment', label: 'negative', minConfidence: 1.5 }] },
      [['conditions.0.minConfidence', 'too_big', { limit: 1 }]],
    ],
    [
      'a fractional follower count',
      { conditions: [{ type: 'followers_at_least', count: 2.5 }] },
      [['conditions.0.count', 'invalid_type', {}]],
    ],
    [
      'no kind chosen',
      { conditions: [{ type: 'kind', kinds: [] }] },
      [['conditions.0.kinds', 'too_few', { limit: 1 }]],
    ],
    [
      'an unknown kind',
      { conditions: [{ type: 'kind', kinds: ['tweet'] }] },
      [['conditions.0.kinds', 'invalid_choice', { choices: ['comment', 'reply', 'mention', 'message', 'review'] }]],
    ],
    [
      'no network chosen',
      { conditions: [{ type: 'network', networks: [] }] },
      [['conditions.0.networks', 'too_few', { limit: 1 }]],
    ],
  ] as Array<[string, Partial<ModerationRule>, unknown[]]>)('refuses %s', (_name, fields, expected) => {
    expect(problems({ ...base, ...fields })).toEqual(expected);
  });

  it('names unknown members and saved replies when it knows the workspace’s', () => {
    const r = {
      ...base,
      actions: [
        { type: 'assign', memberId: 'ghost' },
        { type: 'reply', savedReplyId: 'gone', dailyCap: 3 },
      ],
    } as ModerationRule;
    expect(problems(r, { memberIds: new Set(['claire']), savedReplyIds: new Set(['sr']) })).toEqual([
      ['actions.0.memberId', 'not_a_member', {}],
      ['actions.1.savedReplyId', 'unknown_saved_reply', {}],
    ]);
    expect(problems(r)).toEqual([]);
  });

  it('gives a query’s mistake with its column, in French by default and in English when asked', () => {
    const r = {
      ...base,
      conditions: [{ type: 'has_link' }, { type: 'query', query: 'piscine AND (fermée' }],
    } as ModerationRule;
    const [french] = validateRule(r);
    expect(french).toMatchObject({
      path: 'conditions.1.query',
      code: 'query_syntax',
      params: { column: 13, queryCode: 'unclosed_paren', message: 'Cette parenthèse n’est jamais fermée.' },
    });
    expect(validateRule(r, { locale: 'en' })[0]?.params).toMatchObject({
      message: 'This parenthesis is never closed.',
    });
  });
});

describe('tryRule', () => {
  function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object') {
      for (const child of Object.values(value)) deepFreeze(child);
      Object.freeze(value);
    }
    return value;
  }

  const history = deepFreeze([
    ...Object.values(ITEMS),
    { ...ITEMS.hours, id: 'hours-2', receivedAt: MONDAY + 3_600_000 },
    { ...ITEMS.hours, id: 'hours-3', receivedAt: MONDAY + 7_200_000 },
    { ...ITEMS.hours, id: 'hours-next-day', receivedAt: MONDAY + DAY },
  ]);
  const snapshot = JSON.stringify(history);

  it('says what a draft rule would have done, changing nothing', () => {
    const draft = deepFreeze({ ...(RULES[5] as ModerationRule), enabled: false });
    const trial = tryRule(draft, history);
    expect(trial.matchCount).toBe(4);
    expect(trial.items.map((i) => [i.itemId, i.actions.map((a) => a.type), i.skipped.map((s) => s.reason)])).toEqual([
      ['hours', ['reply', 'label'], []],
      ['hours-2', ['reply', 'label'], []],
      ['hours-3', ['label'], ['daily_cap_reached']],
      ['hours-next-day', ['reply', 'label'], []],
    ]);
    expect(JSON.stringify(history)).toBe(snapshot);
  });

  it('counts matches for every rule of the table on the same history', () => {
    expect(RULES.map((r) => [r.id, tryRule(deepFreeze(r), history).matchCount])).toEqual([
      ['spam', 1],
      ['complaints', 1],
      ['vip', 1],
      ['emoji-thanks', 1],
      ['tagging', 1],
      ['opening-hours', 4],
      ['english', 1],
    ]);
    expect(JSON.stringify(history)).toBe(snapshot);
  });
});

describe('toRuleSubject', () => {
  it('reads a stored item with what the server knows of it, and the rules run on it', () => {
    const stored: InboxItem = {
      id: 'i1',
      workspaceId: 'w1',
      channelId: 'c1',
      network: 'x',
      conversationId: 'v1',
      kind: 'message',
      remoteId: 'dm-1',
      url: null,
      rootRemoteId: 'dm-1',
      parentRemoteId: null,
      subject: null,
      author: { id: '42', handle: 'lea', name: 'Léa', url: null, avatar: null, followers: 12 },
      text: 'Bonjour, vos horaires ?',
      createdAt: MONDAY - 60_000,
      receivedAt: MONDAY,
      status: 'new',
      assigneeId: null,
      labels: [],
      priority: 0,
      updatedAt: MONDAY,
    };
    const subject = toRuleSubject(stored, {
      sentiment: { label: 'neutral', confidence: 0.8 },
      language: 'fr',
      watched: false,
      firstContact: true,
      canHide: false,
    });
    expect(subject).toEqual({
      id: 'i1',
      text: 'Bonjour, vos horaires ?',
      language: 'fr',
      url: null,
      sentiment: { label: 'neutral', confidence: 0.8 },
      kind: 'message',
      network: 'x',
      author: { handle: 'lea', followers: 12, watched: false, firstContact: true },
      canHide: false,
      receivedAt: MONDAY,
    });
    expect(summarise(subject).actions).toEqual(['opening-hours:reply:sr-hours', 'opening-hours:label:horaires']);
  });
});
