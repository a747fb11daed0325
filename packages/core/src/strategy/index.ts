// The strategy document: objectives measured by a KPI from Rostra's catalogue, their progress, personas, the
// network knowledge base and its recommendation, the seed-003 checklist; and its storage port.
export * from './types.js';
export * from './kpis.js';
export * from './progress.js';
export * from './ports.js';
export * from './networks.js';
export * from './recommend.js';
export * from './checklist.js';
