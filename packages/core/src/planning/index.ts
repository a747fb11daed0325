// Planning the animation: posting slots and the next free one per channel.
export * from './slots.js';
export * from './time-buckets.js';
