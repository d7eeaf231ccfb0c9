import { CASE_EVENT_TYPES } from '../lifecycle/case-event.types';
import { CASE_RECORD_EVENT_TYPES } from './case-record-event';

describe('CASE_RECORD_EVENT_TYPES', () => {
  it('holds every lifecycle event type', () => {
    expect(CASE_RECORD_EVENT_TYPES).toEqual(expect.arrayContaining([...CASE_EVENT_TYPES]));
  });

  it('spells each type once', () => {
    expect(new Set(CASE_RECORD_EVENT_TYPES).size).toBe(CASE_RECORD_EVENT_TYPES.length);
  });
});
