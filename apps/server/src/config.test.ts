import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('has defaults that run Rostra on SQLite in ./data on port 8080', () => {
    const config = parseConfig({}, '/srv/rostra');
    expect(config).toMatchObject({
      port: 8080,
      dataDir: path.resolve('/srv/rostra/data'),
      databaseUrl: undefined,
      redisUrl: undefined,
      publicUrl: 'http://localhost:8080',
      secureCookies: false,
    });
  });

  it.each([
    [{ PORT: '3000' }, { port: 3000, publicUrl: 'http://localhost:3000' }],
    [{ ROSTRA_DATA_DIR: '/var/lib/rostra' }, { dataDir: '/var/lib/rostra' }],
    [{ DATABASE_URL: 'postgres://u:p@db/rostra' }, { databaseUrl: 'postgres://u:p@db/rostra' }],
    [{ REDIS_URL: 'redis://cache:6379' }, { redisUrl: 'redis://cache:6379' }],
    [{ PUBLIC_URL: 'https://social.ville.fr/' }, { publicUrl: 'https://social.ville.fr', secureCookies: true }],
    [{ ROSTRA_SECRET_KEY: 'ab'.repeat(32) }, { secretKey: 'ab'.repeat(32) }],
    [{ DATABASE_URL: '' }, { databaseUrl: undefined }],
  ])('reads %j', (env, expected) => {
    expect(parseConfig(env, '/')).toMatchObject(expected);
  });

  it('offers X, LinkedIn and Facebook only when their apps are configured, and SMTP only when set', () => {
    expect(parseConfig({}, '/')).toMatchObject({
      connectors: { reddit: { userAgent: 'server:rostra:0.1 (self-hosted; +http://localhost:8080)' } },
      smtp: undefined,
    });
    expect(parseConfig({}, '/').connectors).not.toHaveProperty('x');
    expect(
      parseConfig(
        {
          ROSTRA_X_CLIENT_ID: 'x-id',
          ROSTRA_LINKEDIN_CLIENT_ID: 'li-id',
          ROSTRA_LINKEDIN_CLIENT_SECRET: 'li-secret',
          ROSTRA_FACEBOOK_APP_ID: 'fb-id',
          ROSTRA_FACEBOOK_APP_SECRET: 'fb-secret',
          ROSTRA_INSTAGRAM_APP_ID: 'ig-id',
          ROSTRA_INSTAGRAM_APP_SECRET: 'ig-secret',
          ROSTRA_SMTP_URL: 'smtp://alertes:mdp@mail.ville.fr:587',
        },
        '/',
      ),
    ).toMatchObject({
      connectors: {
        x: { clientId: 'x-id' },
        linkedin: { clientId: 'li-id', clientSecret: 'li-secret' },
        facebook: { appId: 'fb-id', appSecret: 'fb-secret' },
        instagram: { appId: 'ig-id', appSecret: 'ig-secret' },
      },
      smtp: { url: 'smtp://alertes:mdp@mail.ville.fr:587', from: 'Rostra <rostra@localhost>' },
    });
  });

  it('refuses half a network app and a non-SMTP mail URL, naming what is missing', () => {
    expect(() =>
      parseConfig(
        { ROSTRA_LINKEDIN_CLIENT_ID: 'li', ROSTRA_FACEBOOK_APP_SECRET: 's', ROSTRA_SMTP_URL: 'http://x' },
        '/',
      ),
    ).toThrow(/ROSTRA_LINKEDIN_CLIENT_SECRET: required with ROSTRA_LINKEDIN_CLIENT_ID[\s\S]*ROSTRA_FACEBOOK_APP_ID/);
    expect(() => parseConfig({ ROSTRA_INSTAGRAM_APP_ID: 'ig' }, '/')).toThrow(
      /ROSTRA_INSTAGRAM_APP_SECRET: required with ROSTRA_INSTAGRAM_APP_ID/,
    );
    try {
      parseConfig({ ROSTRA_SMTP_URL: 'http://mail.example' }, '/');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect(String(error)).toContain('ROSTRA_SMTP_URL');
    }
  });

  it('lists every problem at once, naming each variable', () => {
    let error: unknown;
    try {
      parseConfig({
        PORT: '99999',
        DATABASE_URL: 'mysql://db/rostra',
        REDIS_URL: 'localhost:6379',
        ROSTRA_SECRET_KEY: 'too-short',
        PUBLIC_URL: 'social.ville.fr',
        LOG_LEVEL: 'verbose',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.map((p) => p.split(':')[0]);
    expect(problems.sort()).toEqual(
      ['DATABASE_URL', 'LOG_LEVEL', 'PORT', 'PUBLIC_URL', 'REDIS_URL', 'ROSTRA_SECRET_KEY'].sort(),
    );
  });

  it('believes X-Forwarded-For from no proxy unless ROSTRA_TRUST_PROXY names them', () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ ROSTRA_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(parseConfig({ ROSTRA_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(parseConfig({ ROSTRA_TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,loopback, ::1' }).trustProxy).toEqual([
      '10.0.0.1',
      '192.168.0.0/16',
      'loopback',
      '::1',
    ]);
    for (const wrong of ['proxy.example.org', '10.0.0.0/33', '10.0.0.1/8/1', 'yes']) {
      expect(() => parseConfig({ ROSTRA_TRUST_PROXY: wrong }), wrong).toThrow(ConfigError);
    }
  });

  it('reaches public addresses only, unless ROSTRA_OUTBOUND_ALLOW names hosts, addresses or ranges', () => {
    expect(parseConfig({}).outboundAllow).toEqual([]);
    const allow = parseConfig({ ROSTRA_OUTBOUND_ALLOW: 'mastodon.lan, 192.168.1.0/24,127.0.0.1:4000' }).outboundAllow;
    expect(allow.map((rule) => [rule.kind, rule.port])).toEqual([
      ['host', undefined],
      ['range', undefined],
      ['range', 4000],
    ]);
    let error: unknown;
    try {
      parseConfig({ ROSTRA_OUTBOUND_ALLOW: 'mastodon.lan,http://wp.lan/,10.0.0.0/33' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.startsWith('ROSTRA_OUTBOUND_ALLOW'))).toBe(true);
    expect(problems.join('\n')).toContain('http://wp.lan/');
    expect(problems.join('\n')).toContain('10.0.0.0/33');
  });
});
