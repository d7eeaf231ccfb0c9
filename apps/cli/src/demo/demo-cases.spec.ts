import { ageOn } from '@haven/cases';
import { CONCERN_TYPES, INTAKE_CHANNELS, STAGES } from '@haven/domain';
import { demoDateOfBirth } from './demo-case.seeder';
import { DEMO_CASES, DemoCase, demoChildOf, DemoStep } from './demo-cases';
import { DEMO_COMMUNES } from './demo-data';

const steps = <K extends DemoStep['kind']>(c: DemoCase, kind: K) => c.steps.filter((s): s is Extract<DemoStep, { kind: K }> => s.kind === kind);
const newChildren = DEMO_CASES.flatMap((c) => ('sameChildAs' in c.child ? [] : [c.child]));

/** Every free text the seed sends to the services, besides the child's own record. */
function texts(c: DemoCase): string[] {
  return [
    c.incident.description,
    ...c.steps.flatMap((s) => {
      switch (s.kind) {
        case 'assess':
          return [s.findings.summary ?? '', ...Object.values(s.findings.needsByDomain ?? {})];
        case 'note':
          return [s.body];
        case 'draftPlan':
          return [...s.plan.goals, ...s.plan.actions.map((a) => a.description)];
        case 'requestClosure':
          return [s.note];
        case 'reopen':
          return [s.reason];
        case 'decidePlan':
        case 'decideClosure':
        case 'emergency':
          return [(s.kind === 'emergency' ? s.note : s.comment) ?? ''];
        default:
          return [];
      }
    }),
  ];
}

describe('demo cases', () => {
  it('are a few dozen, with unique keys and descriptions, listed oldest first over about six months', () => {
    expect(DEMO_CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(DEMO_CASES.map((c) => c.key)).size).toBe(DEMO_CASES.length);
    // The description, with the creator, is how a second seed recognises a case: it must be unique.
    expect(new Set(DEMO_CASES.map((c) => c.incident.description)).size).toBe(DEMO_CASES.length);
    const days = DEMO_CASES.map((c) => c.receivedDaysAgo);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    expect(Math.max(...days)).toBeLessThanOrEqual(190);
    expect(Math.min(...days)).toBeGreaterThan(0);
  });

  it('end in every stage, with a reopened case', () => {
    expect(new Set(DEMO_CASES.map((c) => c.stage))).toEqual(new Set(STAGES));
    for (const stage of STAGES) expect(DEMO_CASES.filter((c) => c.stage === stage).length).toBeGreaterThanOrEqual(3);
    expect(DEMO_CASES.some((c) => steps(c, 'reopen').length > 0 && c.stage !== 'closed')).toBe(true);
  });

  it('cover every concern type and intake channel, with immediate danger on some', () => {
    expect(new Set(DEMO_CASES.flatMap((c) => c.incident.concernTypes))).toEqual(new Set(CONCERN_TYPES));
    expect(new Set(DEMO_CASES.map((c) => c.channel))).toEqual(new Set(INTAKE_CHANNELS));
    expect(DEMO_CASES.filter((c) => c.incident.immediateDanger).length).toBeGreaterThanOrEqual(3);
  });

  it('are about children of the demo communes aged 0 to 17, some in special circumstances, some with two cases', () => {
    for (const child of newChildren) {
      expect(DEMO_COMMUNES).toContain(child.communeCode);
      expect(child.age[0]).toBeGreaterThanOrEqual(0);
      expect(child.age[0]).toBeLessThanOrEqual(17);
      expect(child.fullName.normalize('NFC')).toBe(child.fullName);
      expect(child.address).toContain('demo');
    }
    expect(new Set(newChildren.map((c) => c.fullName)).size).toBe(newChildren.length);
    expect(Math.min(...newChildren.map((c) => c.age[0]))).toBe(0);
    expect(newChildren.filter((c) => c.specialCircumstances?.length).length).toBeGreaterThanOrEqual(8);
    const again = DEMO_CASES.filter((c) => 'sameChildAs' in c.child);
    expect(again.length).toBeGreaterThanOrEqual(3);
    for (const c of again) {
      const first = DEMO_CASES.findIndex((o) => o.key === (c.child as { sameChildAs: string }).sameChildAs);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(DEMO_CASES.indexOf(c));
      expect(demoChildOf(c)).toBe(DEMO_CASES[first].child);
    }
  });

  it('show the plan, safety and closure records the demo promises', () => {
    const decisions = (c: DemoCase) => steps(c, 'decidePlan').map((d) => d.approve);
    expect(DEMO_CASES.some((c) => decisions(c).join() === 'false,true')).toBe(true); // rejected, then approved
    expect(DEMO_CASES.some((c) => decisions(c).join() === 'true,true')).toBe(true); // amended: version 2 approved
    const safety = DEMO_CASES.find((c) => steps(c, 'emergency').length && steps(c, 'startSeparation').length && c.stage !== 'closed');
    expect(safety?.steps.some((s) => s.kind === 'assess' && s.riskLevel === 'high')).toBe(true);
    const reasons = DEMO_CASES.flatMap((c) => steps(c, 'requestClosure').map((s) => s.reason));
    for (const reason of ['resolved', 'unfounded', 'transferred', 'duplicate'] as const) expect(reasons).toContain(reason);
    expect(DEMO_CASES.some((c) => steps(c, 'decideClosure').some((d) => !d.approve))).toBe(true);
    const visibilities = new Set(DEMO_CASES.flatMap((c) => steps(c, 'note').map((n) => n.visibility)));
    expect(visibilities).toEqual(new Set(['internal', 'shared']));
    const consents = DEMO_CASES.flatMap((c) => steps(c, 'consent'));
    expect(consents.some((s) => s.scopes.includes('sharing'))).toBe(true);
    expect(consents.some((s) => !s.scopes.includes('sharing'))).toBe(true);
  });

  it('never name a child in the free texts the services store and show', () => {
    for (const c of DEMO_CASES) {
      const all = texts(c).join('\n');
      for (const child of newChildren) expect(all).not.toContain(child.fullName);
    }
  });

  it('computes the date of birth for the age on the day of the seed', () => {
    expect(demoDateOfBirth('2026-03-10', [10, 2, 5])).toBe('2016-01-05');
    expect(demoDateOfBirth('2026-01-03', [0, 1, 10])).toBe('2025-11-23');
    for (const child of newChildren) expect(ageOn(demoDateOfBirth('2026-02-28', child.age), '2026-02-28')).toBe(child.age[0]);
  });
});
