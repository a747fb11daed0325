// Listening alerts: when a topic needs a person, and how an alert reads.
export * from './detect.js';
export * from './describe.js';
