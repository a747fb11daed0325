// Listening ("veille"): topics and their queries, sources with their health, the mention stream with its
// actions (correct sentiment, tag, mark handled), and the dashboards. Viewers read; contributors act on
// mentions; managers edit topics and sources. Every write goes through the listening service, audited with it.
import type { RouteDeps, ZodApp } from '../../app.js';
import { createListeningService } from '../../../listening/service.js';
import { createDashboards } from '../../../listening/dashboards.js';
import { prefixed, refuseDisallowedUrls } from '../../outbound-check.js';
import { registerTopicRoutes } from './topics.js';
import { registerSourceRoutes } from './sources.js';
import { registerMentionRoutes } from './mentions.js';
import { registerDashboardRoutes } from './dashboards.js';

export function registerListeningRoutes(api: ZodApp, deps: RouteDeps): void {
  const { runtime, connectors } = deps;
  const listening = createListeningService({
    store: runtime.store,
    connectors,
    queue: runtime.queue,
    checkConfigUrls: (config) => refuseDisallowedUrls(prefixed('body.config', config)),
  });
  registerTopicRoutes(api, listening);
  registerSourceRoutes(api, listening);
  registerMentionRoutes(api, listening);
  registerDashboardRoutes(api, createDashboards(runtime.store));
}
