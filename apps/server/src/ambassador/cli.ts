// `rostra ambassador list` and `rostra ambassador acknowledgements`: the posts suggested to ambassadors with the
// relays they declared, and who acknowledged which version of the social media policy (for a report or an HR file),
// read from a terminal with the database's authority.
import type { Command } from 'commander';
import { RELAY_NETWORKS } from '@rostra/core';
import type { CliHelpers } from '../listening/cli.js';
import { RELAYS_SHOWN } from './service.js';

export function registerAmbassadorCommands(program: Command, helpers: CliHelpers): void {
  const { withRuntime, resolveWorkspace, print } = helpers;
  const ambassador = program
    .command('ambassador')
    .description('Employees as ambassadors: posts to relay, policy acknowledgements');

  ambassador
    .command('list')
    .description(`The posts suggested to ambassadors, newest first (at most ${RELAYS_SHOWN}), with relays declared`)
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o: { workspace?: string; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const relays = await runtime.store.ambassador.listRelays(ws.id, RELAYS_SHOWN);
        const items = relays.map((r) => ({
          postId: r.postId,
          link: r.link,
          markedAt: new Date(r.markedAt).toISOString(),
          shares: r.shares,
          text: r.postText,
        }));
        print(o.json, { items }, () =>
          items.length === 0
            ? `${ws.name}: no post to relay`
            : items
                .map((item) => {
                  const shares = RELAY_NETWORKS.filter((n) => item.shares[n])
                    .map((n) => `${n} ${item.shares[n]}`)
                    .join(', ');
                  return `${item.markedAt.slice(0, 10)}  ${item.link}  relays: ${shares || '0'}\n  ${item.text.split('\n')[0]}`;
                })
                .join('\n'),
        );
      });
    });

  ambassador
    .command('acknowledgements')
    .description('Who acknowledged which version of the social media policy, and when (newest first)')
    .option('--workspace <id|name>', 'workspace (default: the only one)')
    .option('--json', 'print JSON')
    .action(async (o: { workspace?: string; json?: boolean }) => {
      await withRuntime(async (runtime) => {
        const ws = await resolveWorkspace(runtime, o.workspace);
        const policy = await runtime.store.ambassador.getPolicy(ws.id);
        const members = new Map((await runtime.store.accounts.listMembers(ws.id)).map((m) => [m.userId, m]));
        const items = (await runtime.store.ambassador.listAcknowledgements(ws.id)).map((a) => ({
          email: members.get(a.userId)?.email ?? null,
          name: members.get(a.userId)?.name ?? null,
          version: a.version,
          acknowledgedAt: new Date(a.acknowledgedAt).toISOString(),
        }));
        print(o.json, { currentVersion: policy?.version ?? null, items }, () =>
          [
            policy ? `${ws.name}: policy version ${policy.version} in force` : `${ws.name}: no policy written`,
            ...items.map((a) => `${a.acknowledgedAt}  v${a.version}  ${a.email ?? '(former member)'}`),
          ].join('\n'),
        );
      });
    });
}
