// The events calendar's writes: one event typed in, a file of them imported (CSV or iCal, all or nothing: any
// problem stores nothing and each names its line), one removed; each with its audit entry in the same
// transaction. The days they fall on are read with the coverage board.
import { AppError, type PlanEventInput } from '@rostra/core';
import type { Store } from '@rostra/store';
import { auditWorkspace, type Caller } from '../audit/caller.js';
import { parseEventsCsv, parseEventsIcal, type EventImportProblem } from './events-import.js';

export type EventService = ReturnType<typeof createEventService>;

export type EventFileFormat = 'csv' | 'ical';

function importError(problems: EventImportProblem[]): AppError {
  const first = problems[0] as EventImportProblem;
  return new AppError(
    'validation_failed',
    `line ${first.line}${first.column ? `, ${first.column}` : ''}: ${first.message}`,
    {
      issues: problems.map((p) => ({
        path: `body.content.line${p.line}${p.column ? `.${p.column}` : ''}`,
        code: p.code,
        params: { ...p.params, line: p.line, column: p.column },
        message: p.message,
      })),
    },
  );
}

export function createEventService({ store }: { store: Store }) {
  return {
    async createEvent(workspaceId: string, input: PlanEventInput, caller: Caller) {
      if (input.themeId && !(await store.editorial.listThemes(workspaceId)).some((t) => t.id === input.themeId)) {
        throw new AppError('validation_failed', 'Unknown theme', {
          issues: [{ path: 'body.themeId', code: 'unknown_theme', message: 'Unknown theme' }],
        });
      }
      return store.transaction(async (repos) => {
        const [event] = await repos.plan.createEvents(workspaceId, [input]);
        if (!event) throw new Error('The event was not stored');
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'plan.event_created',
          targetType: 'plan_event',
          targetId: event.id,
          targetLabel: event.name,
          details: { date: event.date, yearly: event.yearly },
        });
        return event;
      });
    },

    /** Every event of the file, or none: the first problem's line in the message, all of them in the issues. */
    async importEvents(workspaceId: string, file: { format: EventFileFormat; content: string }, caller: Caller) {
      const themes = await store.editorial.listThemes(workspaceId);
      const parsed =
        file.format === 'csv' ? parseEventsCsv(file.content, themes) : parseEventsIcal(file.content, themes);
      if (parsed.problems.length > 0) throw importError(parsed.problems);
      return store.transaction(async (repos) => {
        const events = await repos.plan.createEvents(workspaceId, parsed.events);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'plan.events_imported',
          targetType: 'plan',
          targetId: workspaceId,
          details: { format: file.format, count: events.length },
        });
        return events;
      });
    },

    async deleteEvent(workspaceId: string, eventId: string, caller: Caller) {
      await store.transaction(async (repos) => {
        const event = await repos.plan.deleteEvent(workspaceId, eventId);
        if (!event) throw new AppError('not_found', 'Event not found');
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'plan.event_deleted',
          targetType: 'plan_event',
          targetId: event.id,
          targetLabel: event.name,
        });
      });
    },
  };
}
