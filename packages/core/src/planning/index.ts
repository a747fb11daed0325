// Planning the animation: posting slots and the next free one per channel; the animation plan (rubrics, planned
// slots, French public holidays, coverage board).
export * from './slots.js';
export * from './time-buckets.js';
export * from './local-dates.js';
export * from './holidays.js';
export * from './rubrics.js';
export * from './plan-slots.js';
export * from './coverage.js';
export * from './plan-ports.js';
export * from './ideas.js';
export * from './plan-events.js';
