// The strategy's PDF export through the API: a real PDF whose text, read back by pdftotext (poppler-utils), holds the
// French words — accents, œ, ’, « » — the objectives with their progress (measured or « pas encore mesuré »), the
// personas, the sourced figures and the checklist; in English on request; refused to another workspace.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';

const run = promisify(execFile);
let t: TestApp;
let admin: Caller;
let workspaceId: string;
let dir: string;

async function pdfText(body: Buffer): Promise<string> {
  const file = join(dir, `export-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, body);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  // Lines wrap where the page ends them: compare words, not line breaks.
  return stdout.replace(/\s+/g, ' ');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rostra-pdf-'));
  t = await createTestApp();
  ({ admin, workspaceId } = await setUp(t));
  const url = (path = '') => `/api/workspaces/${workspaceId}/strategy${path}`;
  await t.call('PUT', url(), {
    as: admin,
    body: {
      context: 'Commune littorale de 12 000 habitants ; l’œuvre d’art du rond-point fait débat.',
      diagnostic: 'Présence « historique » sur Facebook, peu de réponses aux habitants.',
      targets: 'Familles, commerçants',
    },
  });
  const persona = await t.call('POST', url('/personas'), {
    as: admin,
    body: {
      name: 'Parent d’élève',
      audience: 'btoc',
      networks: ['facebook'],
      questions: 'La cantine est-elle ouverte ?',
    },
  });
  await t.call('POST', `/api/workspaces/${workspaceId}/listening/topics`, {
    as: admin,
    body: { name: 'Ville', group: 'brand', query: 'villeneuve' },
  });
  for (const body of [
    { statement: 'Être la commune dont on parle', kind: 'notoriety', kpi: 'share_of_voice', target: 0.6 },
    { statement: 'Gagner des abonnés', kind: 'engagement', kpi: 'followers', baseline: 1200, target: 1500 },
  ])
    await t.call('POST', url('/objectives'), {
      as: admin,
      body: { ...body, deadline: '2031-06-30', personaIds: [persona.json().id], networks: ['facebook'] },
    });
});

afterAll(async () => {
  await t?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('strategy PDF export', () => {
  it('is a PDF whose French text reads back whole', async () => {
    const response = await t.call('GET', `/api/workspaces/${workspaceId}/strategy/export.pdf`, { as: admin });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    if (process.env.ROSTRA_SCREENSHOTS_DIR)
      await writeFile(join(process.env.ROSTRA_SCREENSHOTS_DIR, 'strategy.pdf'), response.rawPayload);
    const text = await pdfText(response.rawPayload);
    for (const expected of [
      'Stratégie social media',
      'l’œuvre d’art du rond-point',
      'Présence « historique » sur Facebook',
      'Être la commune dont on parle',
      'Part de voix (marque face aux concurrents)',
      'Pas encore de données',
      'Gagner des abonnés',
      'Pas encore mesuré',
      'Point de départ déclaré : 1 200',
      'Cible : 1 500',
      'Parent d’élève',
      'La cantine est-elle ouverte ?',
      'Arcom',
      'chiffre à sourcer',
      'un sujet de veille suit votre marque',
      'Page 1 sur',
    ])
      expect(text).toContain(expected);
  });

  it('speaks English when asked', async () => {
    const response = await t.call('GET', `/api/workspaces/${workspaceId}/strategy/export.pdf?lang=en`, { as: admin });
    const text = await pdfText(response.rawPayload);
    expect(text).toContain('Social media strategy');
    expect(text).toContain('Not measured yet');
    expect(text).toContain('figure to be sourced');
  });
});
