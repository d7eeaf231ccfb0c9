import { CLOSURE_REASONS } from './closure-reason.codes';
import { isCode } from './code-list.types';
import { CODE_LISTS } from './code-lists';
import { RISK_LEVELS } from './risk-level.codes';
import { SPECIAL_CIRCUMSTANCES, SPECIAL_CIRCUMSTANCE_LABELS } from './special-circumstance.codes';
import { STAGES } from './stage.codes';

describe('code lists', () => {
  const lists = Object.entries(CODE_LISTS);

  it('serves every list api.md names for GET /codes', () => {
    expect(Object.keys(CODE_LISTS)).toEqual(
      expect.arrayContaining(['stages', 'concernTypes', 'specialCircumstances', 'riskLevels', 'serviceTypes', 'intakeChannels', 'closureReasons']),
    );
  });

  it.each(lists)('%s: unique snake_case codes, each with a Vietnamese and an English label', (_name, entries) => {
    expect(entries.length).toBeGreaterThan(1);
    expect(new Set(entries.map((e) => e.code)).size).toBe(entries.length);
    for (const entry of entries) {
      expect(entry.code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(entry.vi.trim()).toBe(entry.vi);
      expect(entry.en.trim()).toBe(entry.en);
      expect(entry.vi.length).toBeGreaterThan(0);
      expect(entry.en.length).toBeGreaterThan(0);
      // Precomposed (NFC) Vietnamese, so that search, sorting and equality behave everywhere.
      expect(entry.vi).toBe(entry.vi.normalize('NFC'));
    }
  });

  it('keeps the domain codes exactly', () => {
    expect(CODE_LISTS.stages.map((e) => e.code)).toEqual([...STAGES]);
    expect(CODE_LISTS.stages.map((e) => e.code)).toEqual(['intake', 'assessment', 'planning', 'intervention', 'review', 'closed']);
    expect(CODE_LISTS.concernTypes.map((e) => e.code)).toEqual([
      'physical_violence',
      'emotional_abuse',
      'sexual_abuse',
      'neglect',
      'abandonment',
      'labour_exploitation',
      'sexual_exploitation',
      'trafficking',
      'injury_accident',
      'other',
    ]);
    expect(CODE_LISTS.serviceTypes.map((e) => e.code)).toEqual([
      'legal_aid',
      'psychological',
      'social_assistance',
      'health_care',
      'education',
      'alternative_care',
      'emergency_shelter',
      'police_justice',
      'vocational',
      'other',
    ]);
    expect(CODE_LISTS.intakeChannels.map((e) => e.code)).toEqual([
      'hotline_111',
      'phone',
      'walk_in',
      'police',
      'school',
      'health_facility',
      'community',
      'online',
      'other',
    ]);
    expect(CODE_LISTS.closureReasons.map((e) => e.code)).toEqual([
      'resolved',
      'unfounded',
      'transferred',
      'aged_out',
      'child_died',
      'family_refused',
      'duplicate',
      'other',
    ]);
    expect(CODE_LISTS.assessmentTypes.map((e) => e.code)).toEqual(['initial', 'needs', 'review']);
    expect(CODE_LISTS.noteKinds.map((e) => e.code)).toEqual(['visit', 'call', 'meeting', 'other']);
    expect(CODE_LISTS.consentScopes.map((e) => e.code)).toEqual(['services', 'sharing']);
    expect(CODE_LISTS.planStatuses.map((e) => e.code)).toEqual(['draft', 'submitted', 'approved', 'rejected', 'superseded']);
  });

  it('labels risk levels as the forms do, most urgent first', () => {
    expect(CODE_LISTS.riskLevels).toEqual([
      { code: 'high', vi: 'Cao', en: 'High' },
      { code: 'medium', vi: 'Trung bình', en: 'Medium' },
      { code: 'low', vi: 'Thấp', en: 'Low' },
    ]);
    expect([...RISK_LEVELS]).toEqual(['high', 'medium', 'low']);
  });

  it('keys the 14 special-circumstance groups by the letters of Law on Children art. 10(1)', () => {
    expect(CODE_LISTS.specialCircumstances.map((e) => [e.code, e.letter])).toEqual([
      ['a', 'a'],
      ['b', 'b'],
      ['c', 'c'],
      ['d', 'd'],
      ['dd', 'đ'],
      ['e', 'e'],
      ['g', 'g'],
      ['h', 'h'],
      ['i', 'i'],
      ['k', 'k'],
      ['l', 'l'],
      ['m', 'm'],
      ['n', 'n'],
      ['o', 'o'],
    ]);
    expect(SPECIAL_CIRCUMSTANCES).toHaveLength(14);
    for (const code of SPECIAL_CIRCUMSTANCES) expect(SPECIAL_CIRCUMSTANCE_LABELS[code].vi).toMatch(/^Trẻ em /);
    expect(SPECIAL_CIRCUMSTANCE_LABELS.a.vi).toBe('Trẻ em mồ côi cả cha và mẹ');
    expect(SPECIAL_CIRCUMSTANCE_LABELS.dd.vi).toBe('Trẻ em nhiễm HIV/AIDS');
    expect(SPECIAL_CIRCUMSTANCE_LABELS.o.vi).toBe('Trẻ em di cư, trẻ em lánh nạn, tị nạn chưa xác định được cha mẹ hoặc không có người chăm sóc');
  });

  it('recognises codes from outside only when they are on the list', () => {
    expect(isCode(CLOSURE_REASONS, 'resolved')).toBe(true);
    expect(isCode(CLOSURE_REASONS, 'Resolved')).toBe(false);
    expect(isCode(CLOSURE_REASONS, undefined)).toBe(false);
    expect(isCode(CLOSURE_REASONS, 42)).toBe(false);
  });

  it('cannot be changed by a consumer', () => {
    expect(Object.isFrozen(CODE_LISTS)).toBe(true);
    expect(Object.isFrozen(CODE_LISTS.riskLevels)).toBe(true);
    expect(Object.isFrozen(CODE_LISTS.riskLevels[0])).toBe(true);
  });
});
