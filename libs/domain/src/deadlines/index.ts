export * from './local-time';
export * from './working-days';
export * from './durations';
export * from './deadline-policy';
export * from './deadline-policy.validation';
export * from './case-deadlines';
