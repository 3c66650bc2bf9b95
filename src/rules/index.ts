// The pure rules core: rule sets, date arithmetic, evaluation. No I/O, no clock.
export * from './types.js';
export * from './ruleset.js';
export { RULESET_2019 } from './ruleset-2019.js';
export * from './dates.js';
export * from './catalog.js';
export * from './points.js';
export * from './requirements.js';
export * from './shortfall.js';
export * from './fee.js';
export * from './flags.js';
export * from './notices.js';
export * from './tiers.js';
export * from './evaluate.js';
export * from './evidence.js';
