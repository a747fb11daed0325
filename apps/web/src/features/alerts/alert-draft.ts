// An alert rule as the form edits it: a new rule's defaults, an existing rule read back (its chat URL is a
// secret and never comes back, only whether there is one), and the body the API takes.
import type { AlertKind, AlertRule } from '../../api/types';
import { readParamDraft, toParams, type ParamDraft } from './alert-params';

export function alertsKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'alerts'] as const;
}

export interface AlertDraft {
  id: string | null;
  name: string;
  topicId: string | null;
  kind: AlertKind;
  params: ParamDraft;
  cooldownMinutes: number;
  enabled: boolean;
  notifyInApp: boolean;
  emailTo: string[];
  notifyWebhooks: boolean;
  hasChatUrl: boolean;
  /** Typed to set or replace the chat URL; the stored one is never shown back (it is a secret). */
  chatUrl: string;
  removeChatUrl: boolean;
}

export function newDraft(topicId: string | null): AlertDraft {
  return {
    id: null,
    name: '',
    topicId,
    kind: 'volume_spike',
    params: {},
    cooldownMinutes: 60,
    enabled: true,
    notifyInApp: true,
    emailTo: [],
    notifyWebhooks: false,
    hasChatUrl: false,
    chatUrl: '',
    removeChatUrl: false,
  };
}

export function draftOf(rule: AlertRule): AlertDraft {
  return {
    id: rule.id,
    name: rule.name,
    topicId: rule.topicId,
    kind: rule.kind,
    params: readParamDraft(rule.kind, rule.params),
    cooldownMinutes: rule.cooldownMinutes,
    enabled: rule.enabled,
    notifyInApp: rule.notifyInApp,
    emailTo: rule.emailTo,
    notifyWebhooks: rule.notifyWebhooks,
    hasChatUrl: rule.hasChatUrl,
    chatUrl: '',
    removeChatUrl: false,
  };
}

/** The API body: the chat URL is sent only when typed (set) or removed (null), else left as stored. */
export function toAlertBody(draft: AlertDraft) {
  const chatUrl = draft.removeChatUrl ? null : draft.chatUrl.trim() || undefined;
  return {
    name: draft.name.trim(),
    topicId: draft.topicId,
    kind: draft.kind,
    params: toParams(draft.kind, draft.params),
    cooldownMinutes: draft.cooldownMinutes,
    enabled: draft.enabled,
    notifyInApp: draft.notifyInApp,
    emailTo: draft.emailTo,
    notifyWebhooks: draft.notifyWebhooks,
    ...(chatUrl !== undefined ? { chatUrl } : {}),
  };
}
