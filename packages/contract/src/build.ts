// @connectors/contract/build: the tsup configuration every connector builds with.
export * from './build/tsup.js';
