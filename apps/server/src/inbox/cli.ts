// `rostra inbox list`: the inbox from a terminal or a script (`--json` prints the API's item shape), through the
// same service and filters as the API.
import { InvalidArgumentError, type Command } from 'commander';
import {
  INBOX_ITEM_KINDS,
  INBOX_STATUSES,
  type InboxFilters,
  type InboxItemKind,
  type InboxStatus,
} from '@rostra/core';
import type { CliHelpers } from '../listening/cli.js';
import { createInboxService } from './service.js';
import { presentInboxItem } from './presenters.js';

function oneOf<T extends string>(values: readonly T[]) {
  return (value: string): T => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be ${values.join(', ')}`);
    return value as T;
  };
}

function parseLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('must be a whole number, 1–1000');
  return n;
}

interface ListOptions {
  workspace?: string;
  status?: InboxStatus;
  kind?: InboxItemKind;
  assignee?: string;
  label?: string;
  limit: number;
  json?: boolean;
}

export function registerInboxCommands(program: Command, helpers: CliHelpers): void {
  const { withRuntime, resolveWorkspace, print } = helpers;
  const inbox = program.command('inbox').description('Inbox: replies, comments, mentions and messages to answer');

  inbox
    .command('list')
    .description('Items by priority, then newest first')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--status <status>', `only this status (${INBOX_STATUSES.join(', ')})`, oneOf(INBOX_STATUSES))
    .option('--kind <kind>', `only this kind (${INBOX_ITEM_KINDS.join(', ')})`, oneOf(INBOX_ITEM_KINDS))
    .option('--assignee <user id|none>', "only this member's items, or none for the unassigned")
    .option('--label <label>', 'only items with this label')
    .option('--limit <n>', 'how many at most', parseLimit, 50)
    .option('--json', 'print JSON')
    .action(async (o: ListOptions) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const filters: InboxFilters = {
          ...(o.status ? { status: [o.status] } : {}),
          ...(o.kind ? { kind: [o.kind] } : {}),
          ...(o.assignee ? { assigneeId: o.assignee === 'none' ? null : o.assignee } : {}),
          ...(o.label ? { label: o.label } : {}),
        };
        const page = await createInboxService({ store: runtime.store }).list(ws.id, filters, null, o.limit);
        const items = page.items.map(presentInboxItem);
        print(o.json, { items }, () =>
          items.length === 0
            ? 'No items'
            : items
                .map(
                  (i) =>
                    `${i.createdAt}  ${i.status.padEnd(7)} ${i.network}  @${i.author.handle ?? '?'}: ` +
                    i.text.replace(/\s+/g, ' ').slice(0, 100),
                )
                .join('\n'),
        );
      });
    });
}
