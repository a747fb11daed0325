// Alert rules as people manage them: each kind's parameters checked, the topic in the workspace, the chat URL
// sealed; every write runs in one transaction with its audit entry. Evaluation and delivery are engine.ts.
import { z } from 'zod';
import {
  AppError,
  validationError,
  type AlertEvent,
  type AlertKind,
  type AlertRule,
  type AlertRuleInput,
  type IssueCode,
  type IssueParams,
} from '@rostra/core';
import { schemaIssueOf } from '../schema-issues.js';
import type { Store } from '@rostra/store';
import type { SecretBox } from '../secrets.js';
import { auditWorkspace, type Caller } from '../audit/caller.js';
import { refuseDisallowedUrls } from '../http/outbound-check.js';
import { name } from '../http/schemas.js';
import { chatUrlContext } from './engine.js';

const handles = z.array(name(200).min(1)).max(200);
/** Each kind's parameters, every field optional: what is left out takes the documented default. */
const PARAMS: Record<AlertKind, z.ZodType<Record<string, unknown>>> = {
  volume_spike: z.strictObject({
    k: z.number().min(1).max(10).optional(),
    minVolume: z.number().int().min(1).max(1_000_000).optional(),
    baselineHours: z
      .number()
      .int()
      .min(6)
      .max(24 * 28)
      .optional(),
  }),
  negative_share: z.strictObject({
    threshold: z.number().gt(0).lt(1).optional(),
    minVolume: z.number().int().min(1).max(1_000_000).optional(),
    windowHours: z.number().int().min(1).max(72).optional(),
  }),
  watched_author: z
    .strictObject({ authors: handles.optional(), sources: handles.optional() })
    .refine((p) => (p.authors?.length ?? 0) + (p.sources?.length ?? 0) > 0, {
      message: 'Name at least one author or source to watch',
      path: ['authors'],
    }),
  new_source: z.strictObject({ lookbackDays: z.number().int().min(1).max(365).optional() }),
};

/** A rule as the API takes it: none of the fields defaulted, so a change names only what it changes. */
export interface AlertRuleFields {
  topicId?: string | undefined;
  name?: string | undefined;
  kind?: AlertKind | undefined;
  params?: Record<string, unknown> | undefined;
  cooldownMinutes?: number | undefined;
  enabled?: boolean | undefined;
  notifyInApp?: boolean | undefined;
  emailTo?: string[] | undefined;
  notifyWebhooks?: boolean | undefined;
  /** Slack or Mattermost incoming webhook; null removes it. */
  chatUrl?: string | null | undefined;
}

function invalid(path: string, code: IssueCode, message: string, params?: IssueParams): AppError {
  return validationError([{ path, code, message, ...(params ? { params } : {}) }]);
}

export type AlertsService = ReturnType<typeof createAlertsService>;

/** Its length is the operations it returns, closed over the same deps; each one stays short. */
export function createAlertsService(deps: { store: Store; secrets: SecretBox; now?: () => number }) {
  const { store, secrets } = deps;
  const now = deps.now ?? Date.now;

  /** Checks the kind's parameters and the topic; throws `validation_failed` saying which field. */
  async function toInput(
    workspaceId: string,
    body: AlertRuleFields,
    current?: AlertRule,
  ): Promise<Partial<AlertRuleInput>> {
    const kind = body.kind ?? current?.kind;
    if (!kind) throw invalid('body.kind', 'required', 'kind is required');
    const input: Partial<AlertRuleInput> = {};
    if (body.params !== undefined || body.kind !== undefined) {
      const parsed = PARAMS[kind].safeParse(body.params ?? (body.kind === current?.kind ? current?.params : {}));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const { code, params } = schemaIssueOf(issue?.code ?? 'custom', { ...issue }, issue?.message ?? '');
        throw invalid(`body.params.${issue?.path.join('.') ?? ''}`, code, issue?.message ?? 'invalid', params);
      }
      input.params = parsed.data;
      input.kind = kind;
    }
    if (body.topicId !== undefined) {
      if (!(await store.listening.getTopic(workspaceId, body.topicId))) {
        throw invalid('body.topicId', 'unknown_topic', 'No such topic in this workspace');
      }
      input.topicId = body.topicId;
    }
    if (body.name !== undefined) input.name = body.name;
    if (body.cooldownMinutes !== undefined) input.cooldownMs = body.cooldownMinutes * 60_000;
    if (body.enabled !== undefined) input.enabled = body.enabled;
    if (body.notifyInApp !== undefined) input.notifyInApp = body.notifyInApp;
    if (body.emailTo !== undefined) input.emailTo = body.emailTo;
    if (body.notifyWebhooks !== undefined) input.notifyWebhooks = body.notifyWebhooks;
    if (body.chatUrl !== undefined) {
      await refuseDisallowedUrls({ 'body.chatUrl': body.chatUrl });
      input.sealedChatUrl = body.chatUrl === null ? null : secrets.encrypt(body.chatUrl, chatUrlContext(workspaceId));
    }
    return input;
  }

  async function requireRule(workspaceId: string, id: string): Promise<AlertRule> {
    const rule = await store.alerts.get(workspaceId, id);
    if (!rule) throw new AppError('not_found', 'Alert not found');
    return rule;
  }

  return {
    list: (workspaceId: string): Promise<AlertRule[]> => store.alerts.list(workspaceId),

    listEvents: (
      workspaceId: string,
      options: { limit: number; before?: number; ruleId?: string },
    ): Promise<AlertEvent[]> => store.alerts.listEvents(workspaceId, options),

    /** `body` carries every field the API defaults (cooldown, switches, addresses). */
    async create(
      workspaceId: string,
      body: AlertRuleFields & { cooldownMinutes: number },
      caller: Caller,
    ): Promise<AlertRule> {
      const input = (await toInput(workspaceId, body)) as AlertRuleInput;
      return store.transaction(async (repos) => {
        const rule = await repos.alerts.create(
          workspaceId,
          { ...input, cooldownMs: body.cooldownMinutes * 60_000, sealedChatUrl: input.sealedChatUrl ?? null },
          caller.userId,
          now(),
        );
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'alert.create',
          targetType: 'alert',
          targetId: rule.id,
        });
        return rule;
      });
    },

    async update(workspaceId: string, id: string, body: AlertRuleFields, caller: Caller): Promise<AlertRule> {
      const current = await requireRule(workspaceId, id);
      const input = await toInput(workspaceId, body, current);
      return store.transaction(async (repos) => {
        const rule = await repos.alerts.update(workspaceId, current.id, input, now());
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'alert.update',
          targetType: 'alert',
          targetId: current.id,
        });
        return rule ?? current;
      });
    },

    async remove(workspaceId: string, id: string, caller: Caller): Promise<void> {
      await store.transaction(async (repos) => {
        if (!(await repos.alerts.remove(workspaceId, id))) throw new AppError('not_found', 'Alert not found');
        await auditWorkspace(repos, caller, workspaceId, { action: 'alert.delete', targetType: 'alert', targetId: id });
      });
    },
  };
}
