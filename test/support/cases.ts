import type { TestApi } from './app';
import { PHU_XUAN } from './factories';

export interface IntakeOverrides {
  child?: Record<string, unknown>;
  incident?: Record<string, unknown>;
  assigneeId?: string;
  reporter?: Record<string, unknown>;
  receivedAt?: string;
  channel?: string;
}

/** A valid intake body for a new child of PHU_XUAN; overrides replace whole sections. */
export function intakeBody(overrides: IntakeOverrides = {}): Record<string, unknown> {
  return {
    receivedAt: overrides.receivedAt ?? new Date(Date.now() - 3600_000).toISOString(),
    channel: overrides.channel ?? 'hotline_111',
    child: overrides.child ?? { fullName: 'Nguyễn Văn An', sex: 'male', dateOfBirth: '2016-05-04', communeCode: PHU_XUAN },
    incident: overrides.incident ?? { concernTypes: ['neglect'], communeCode: PHU_XUAN, description: 'Left alone for days', immediateDanger: false },
    ...(overrides.assigneeId && { assigneeId: overrides.assigneeId }),
    ...(overrides.reporter && { reporter: overrides.reporter }),
  };
}

export interface OpenedCase {
  id: string;
  caseNumber: string;
  stage: string;
  version: number;
  child: { id: string };
}

/** Opens a case through POST /cases and returns its detail; fails loudly if the route refuses. */
export async function openCase(api: TestApi, auth: { Authorization: string }, overrides: IntakeOverrides = {}): Promise<OpenedCase> {
  const res = await api.http.post('/api/v1/cases').set(auth).send(intakeBody(overrides));
  if (res.status !== 201) throw new Error(`intake failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as OpenedCase;
}

type Auth = { Authorization: string };

/** Findings of Mẫu 02/03/06 as a client sends them. */
export const FINDINGS = {
  harmSeverity: 'serious',
  abuserAccess: 'lives_with_child',
  careEnvironmentSafe: false,
  caregiverProtectiveCapacity: 'low',
  childResilience: 'medium',
  needsByDomain: { physical: 'Bruises on both arms; needs a medical check', family: 'Father drinks; mother works nights' },
  summary: 'Verified by a home visit with the commune police',
};

/** Records an assessment through POST /cases/:id/assessments and returns the case's new version. */
export async function recordAssessment(
  api: TestApi,
  auth: Auth,
  caseId: string,
  version: number,
  type: 'initial' | 'needs' | 'review',
  extra: Record<string, unknown> = {},
): Promise<number> {
  const res = await api.http
    .post(`/api/v1/cases/${caseId}/assessments`)
    .set(auth)
    .send({ type, riskLevel: 'medium', findings: FINDINGS, version, ...extra });
  if (res.status !== 201) throw new Error(`${type} assessment failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { version: number }).version;
}

/**
 * A case of PHU_XUAN in stage planning, through the routes: intake by `opener` (a supervisor or
 * intake officer) assigned to `assignee`, then the assignee's initial and needs assessments.
 */
export async function toPlanning(api: TestApi, opener: Auth, assignee: { id: string; auth: Auth }, overrides: IntakeOverrides = {}): Promise<OpenedCase> {
  const opened = await openCase(api, opener, { ...overrides, assigneeId: assignee.id });
  let version = await recordAssessment(api, assignee.auth, opened.id, opened.version, 'initial');
  version = await recordAssessment(api, assignee.auth, opened.id, version, 'needs');
  return { ...opened, stage: 'planning', version };
}
