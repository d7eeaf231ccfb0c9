import type { TestApi } from './app';
import { FINDINGS, openCase, OpenedCase } from './cases';
import type { SignedIn } from './factories';

export const DAY = 24 * 3600_000;
export const isoIn = (offsetMs = 0): string => new Date(Date.now() + offsetMs).toISOString();

/** The new report a reopening needs (its receipt and channel): received just now, through the school. */
export const newReport = (extra: object = {}): { receivedAt: string; channel: string } => ({ receivedAt: isoIn(), channel: 'school', ...extra });

export { FINDINGS };

export interface CaseRef {
  id: string;
  version: number;
}

export interface TimelineEvent {
  type: string;
  actorId: string | null;
  payload: Record<string, unknown>;
}

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Walks cases of PHU_XUAN through the lifecycle over HTTP: `supervisor` opens and decides,
 * `caseworker` is the assignee. Each step returns the case's id and version after it.
 */
export function caseSteps(api: TestApi, people: { supervisor: SignedIn; caseworker: SignedIn }) {
  const { supervisor, caseworker } = people;
  const post = (path: string, who: SignedIn, body: object) => api.http.post(`/api/v1/cases${path}`).set(who.auth).send(body);
  const get = (path: string, who: SignedIn) => api.http.get(`/api/v1/cases${path}`).set(who.auth);

  const assess = (caseId: string, version: number, type: string, extra: object = {}, who = caseworker) =>
    post(`/${caseId}/assessments`, who, { type, riskLevel: 'high', findings: FINDINGS, version, ...extra });

  /** Stage assessment: opened by the supervisor with the caseworker as assignee. */
  const assessmentCase = (): Promise<OpenedCase> => openCase(api, supervisor.auth, { assigneeId: caseworker.user.id });

  /** Stage planning: initial and needs assessments recorded. */
  async function planningCase(): Promise<CaseRef> {
    const kase = await assessmentCase();
    const initial = await assess(kase.id, kase.version, 'initial', { immediateDanger: true });
    expectStatus(initial, 201, 'initial assessment');
    const needs = await assess(kase.id, initial.body.version, 'needs');
    expectStatus(needs, 201, 'needs assessment');
    return { id: kase.id, version: needs.body.version };
  }

  /** Stage intervention, through the plan routes (PUT /cases/:id/plan, submit, approve). */
  async function interventionCase(): Promise<CaseRef> {
    const kase = await planningCase();
    const draft = await api.http
      .put(`/api/v1/cases/${kase.id}/plan`)
      .set(caseworker.auth)
      .send({
        goals: ['The child is safe at home'],
        actions: [{ serviceType: 'psychological', description: 'Weekly counselling', dueAt: isoIn(30 * DAY) }],
        version: kase.version,
      });
    expectStatus(draft, 200, 'plan draft');
    const submitted = await post(`/${kase.id}/plan/submit`, caseworker, { version: draft.body.caseVersion });
    expectStatus(submitted, 200, 'plan submission');
    const approved = await post(`/${kase.id}/plan/approve`, supervisor, { version: submitted.body.caseVersion });
    expectStatus(approved, 200, 'plan approval');
    return { id: kase.id, version: approved.body.caseVersion };
  }

  /** Stage review, after a review assessment with the given finding. */
  async function reviewCase(stillAtRisk: boolean): Promise<CaseRef> {
    const kase = await interventionCase();
    const review = await assess(kase.id, kase.version, 'review', { stillAtRisk, riskLevel: 'low' });
    expectStatus(review, 201, 'review assessment');
    return { id: kase.id, version: review.body.version };
  }

  async function timeline(caseId: string): Promise<TimelineEvent[]> {
    const res = await get(`/${caseId}/timeline`, supervisor);
    expectStatus(res, 200, 'timeline');
    return res.body;
  }

  /** What a refused or failed command must leave untouched: the case row, its events and its records. */
  async function snapshot(caseId: string): Promise<Record<string, unknown>> {
    const [row] = await api.db.query(
      `SELECT c.*,
        (SELECT count(*)::int FROM case_event e WHERE e.case_id = c.id) AS events,
        (SELECT count(*)::int FROM assessment a WHERE a.case_id = c.id) AS assessments,
        (SELECT count(*)::int FROM emergency_measure em WHERE em.case_id = c.id) AS measures,
        (SELECT count(*)::int FROM separation s WHERE s.case_id = c.id) AS separations,
        (SELECT count(*)::int FROM case_decision_note n WHERE n.case_id = c.id) AS decision_notes
       FROM "case" c WHERE c.id = $1`,
      [caseId],
    );
    return row;
  }

  return { post, get, assess, assessmentCase, planningCase, interventionCase, reviewCase, timeline, snapshot };
}
