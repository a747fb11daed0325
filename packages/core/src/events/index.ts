// Events Rostra sends out: webhook subscriptions and their deliveries.
export * from './webhooks.js';
