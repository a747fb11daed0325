// Every migration, in order. One set for SQLite and PostgreSQL: only portable column types are used.
import type { Migration } from 'kysely';
import { foundation } from './0001-foundation.js';
import { publishing } from './0002-publishing.js';
import { webhooks } from './0003-webhooks.js';
import { calendarFeeds } from './0004-calendar-feeds.js';
import { oauthStates } from './0005-oauth-states.js';
import { postingSlots } from './0006-posting-slots.js';
import { postMedia } from './0007-post-media.js';
import { notifications } from './0008-notifications.js';
import { listening } from './0009-listening.js';
import { alerts } from './0011-alerts.js';
import { sourceChannels } from './0012-source-channels.js';
import { mentionSearchInsert } from './0013-mention-search-insert.js';
import { mentionEdits } from './0014-mention-edits.js';
import { passwordResets } from './0015-password-resets.js';
import { postsInFlight } from './0016-posts-in-flight.js';
import { invitationEmail } from './0017-invitation-email.js';
import { webhookOutbox } from './0018-webhook-outbox.js';
import { postSearch } from './0019-post-search.js';
import { animationPlan } from './0020-animation-plan.js';
import { editorialCharter } from './0021-editorial-charter.js';
import { strategy } from './0022-strategy.js';
import { planIdeasEvents } from './0023-plan-ideas-events.js';
import { ambassadors } from './0024-ambassadors.js';
import { inbox } from './0025-inbox.js';
import { inboxAutomation } from './0027-inbox-automation.js';

export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-publishing': publishing,
  '0003-webhooks': webhooks,
  '0004-calendar-feeds': calendarFeeds,
  '0005-oauth-states': oauthStates,
  '0006-posting-slots': postingSlots,
  '0007-post-media': postMedia,
  '0008-notifications': notifications,
  '0009-listening': listening,
  '0011-alerts': alerts,
  '0012-source-channels': sourceChannels,
  '0013-mention-search-insert': mentionSearchInsert,
  '0014-mention-edits': mentionEdits,
  '0015-password-resets': passwordResets,
  '0016-posts-in-flight': postsInFlight,
  '0017-invitation-email': invitationEmail,
  '0018-webhook-outbox': webhookOutbox,
  '0019-post-search': postSearch,
  '0020-animation-plan': animationPlan,
  '0021-editorial-charter': editorialCharter,
  '0022-strategy': strategy,
  '0023-plan-ideas-events': planIdeasEvents,
  '0024-ambassadors': ambassadors,
  '0025-inbox': inbox,
  '0027-inbox-automation': inboxAutomation,
};
