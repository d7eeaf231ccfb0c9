export * from './case-record-event';
