import { ageOn, CHILD_CONSENT_AGE, vietnamDate } from '@haven/cases';
import { REFERRAL_STATUSES } from '@haven/domain';
import type { ConsentGiver, ReferralStatus } from '@haven/domain';
import { referralMove } from '@haven/domain';
import { demoDateOfBirth } from './demo-case.seeder';
import { DEMO_CASES, DemoCase, demoChildOf, DemoPlan } from './demo-cases';
import { DEMO_ORGANISATIONS } from './demo-data';
import { DEMO_REFERRALS, DemoReferral } from './demo-referrals';

const caseOf = (r: DemoReferral): DemoCase => DEMO_CASES.find((c) => c.key === r.caseKey)!;

/** Who consents to sharing once the case's walk is over (withdrawals undo the giver's latest consent). */
function sharingAfterWalk(c: DemoCase): Set<ConsentGiver> {
  const latest = new Map<ConsentGiver, boolean>();
  for (const s of c.steps) {
    if (s.kind === 'consent') latest.set(s.giver, s.scopes.includes('sharing'));
    if (s.kind === 'withdrawConsent') latest.set(s.giver, false);
  }
  return new Set([...latest].filter(([, sharing]) => sharing).map(([giver]) => giver));
}

/** The plan in force after the walk: the last draft the supervisor approved. */
function approvedPlan(c: DemoCase): DemoPlan | null {
  let draft: DemoPlan | null = null;
  let approved: DemoPlan | null = null;
  for (const s of c.steps) {
    if (s.kind === 'draftPlan') draft = s.plan;
    if (s.kind === 'decidePlan' && s.approve) approved = draft;
  }
  return approved;
}

const childNeedsToConsent = (c: DemoCase): boolean => {
  const today = vietnamDate(new Date());
  return ageOn(demoDateOfBirth(today, demoChildOf(c).age), today) >= CHILD_CONSENT_AGE;
};

/** The status the steps lead to, by the lifecycle's own rules (throws on a step it refuses). */
function walk(r: DemoReferral): ReferralStatus {
  let status: ReferralStatus = 'pending';
  for (const step of r.steps) {
    const move = referralMove(status, step.kind === 'update' ? 'addUpdate' : step.kind);
    if (!move.ok) throw new Error(`${r.key}: ${step.kind} is refused when ${status}`);
    status = move.to;
  }
  return status;
}

describe('demo referrals', () => {
  it('have unique keys and reasons (the reason, with the case, is how a second seed recognises one)', () => {
    expect(new Set(DEMO_REFERRALS.map((r) => r.key)).size).toBe(DEMO_REFERRALS.length);
    expect(new Set(DEMO_REFERRALS.map((r) => r.reason)).size).toBe(DEMO_REFERRALS.length);
  });

  it('end in every status, by steps the lifecycle allows', () => {
    for (const r of DEMO_REFERRALS) expect([r.key, walk(r)]).toEqual([r.key, r.status]);
    expect(new Set(DEMO_REFERRALS.map((r) => r.status))).toEqual(new Set(REFERRAL_STATUSES));
  });

  it('go to a demo organisation that offers the service and serves the case’s ward, at most one open per case, organisation and service', () => {
    for (const r of DEMO_REFERRALS) {
      const organisation = DEMO_ORGANISATIONS.find((o) => o.key === r.organisation);
      expect(organisation?.serviceTypes).toContain(r.serviceType);
      const ward = demoChildOf(caseOf(r)).communeCode;
      if (organisation!.communeCodes.length) expect(organisation!.communeCodes).toContain(ward);
    }
    const open = DEMO_REFERRALS.filter((r) => r.status === 'pending' || r.status === 'accepted').map((r) => `${r.caseKey} ${r.organisation} ${r.serviceType}`);
    expect(new Set(open).size).toBe(open.length);
  });

  it('come from open demo cases with consent to sharing, or from a supervisor’s emergency override on a case without it', () => {
    for (const r of DEMO_REFERRALS) {
      const c = caseOf(r);
      expect(c).toBeDefined();
      expect(c.stage).not.toBe('closed');
      const needed: ConsentGiver[] = childNeedsToConsent(c) ? ['guardian', 'child'] : ['guardian'];
      const after = sharingAfterWalk(c);
      const granted = needed.every((g) => after.has(g));
      if (r.override !== undefined) {
        expect([r.key, r.urgency, granted, r.consents]).toEqual([r.key, 'emergency', false, undefined]);
      } else if (r.consents) {
        // Recorded by the seed: exactly the missing givers whose consent counts.
        expect([r.key, granted]).toEqual([r.key, false]);
        expect([r.key, [...r.consents].sort()]).toEqual([r.key, needed.filter((g) => !after.has(g)).sort()]);
      } else {
        expect([r.key, granted]).toEqual([r.key, true]);
      }
    }
    expect(DEMO_REFERRALS.filter((r) => r.override !== undefined)).toHaveLength(1);
  });

  it('tie to a plan action only where the approved plan asks for the service, and share notes only where the case has shared ones', () => {
    for (const r of DEMO_REFERRALS.filter((x) => x.forPlanAction)) {
      expect([r.key, approvedPlan(caseOf(r))?.actions.some((a) => a.serviceType === r.serviceType)]).toEqual([r.key, true]);
    }
    for (const r of DEMO_REFERRALS.filter((x) => x.withSharedNotes)) {
      expect([r.key, caseOf(r).steps.some((s) => s.kind === 'note' && s.visibility === 'shared')]).toEqual([r.key, true]);
    }
    expect(DEMO_REFERRALS.some((r) => r.withSharedNotes)).toBe(true);
    expect(DEMO_REFERRALS.some((r) => r.forPlanAction)).toBe(true);
  });

  it('have progress updates on the accepted ones and an outcome on the completed ones', () => {
    for (const r of DEMO_REFERRALS.filter((x) => x.status === 'accepted')) expect([r.key, r.steps.some((s) => s.kind === 'update')]).toEqual([r.key, true]);
    for (const r of DEMO_REFERRALS.filter((x) => x.status === 'completed')) expect([r.key, r.steps.at(-1)?.kind]).toEqual([r.key, 'complete']);
  });
});
