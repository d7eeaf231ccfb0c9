import { randomBytes } from 'node:crypto';
import { Role } from '@haven/domain';
import type { TestApi } from './app';
import { openCase, OpenedCase } from './cases';
import { HUE, PHU_XUAN, signedIn, SignedIn } from './factories';

type Auth = { Authorization: string };

const MINUTE = 60_000;
export const minutesAgo = (minutes: number): string => new Date(Date.now() - minutes * MINUTE).toISOString();

function expectStatus(res: { status: number; body: unknown }, status: number, what: string): void {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface OrganisationRef {
  id: string;
  name: string;
  serviceTypes: string[];
}

/** A body for POST /organisations: a legal-aid centre of Huế serving the whole province unless overridden. */
export function organisationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `Trung tâm Trợ giúp pháp lý ${randomBytes(3).toString('hex')}`,
    type: 'legal_aid',
    serviceTypes: ['legal_aid'],
    provinceCode: HUE,
    contactEmail: 'trogiup@example.org',
    ...overrides,
  };
}

/** Registers an organisation through POST /organisations (as an admin). */
export async function newOrganisation(api: TestApi, admin: Auth, overrides: Record<string, unknown> = {}): Promise<OrganisationRef> {
  const res = await api.http.post('/api/v1/organisations').set(admin).send(organisationBody(overrides));
  expectStatus(res, 201, 'organisation');
  return res.body as OrganisationRef;
}

/** A partner user of an organisation, signed in. */
export function partnerOf(api: TestApi, organisationId: string, fullName = 'Test partner'): Promise<SignedIn> {
  return signedIn(api, Role.Partner, { organisationId, communeCodes: [], fullName, email: `partner-${randomBytes(3).toString('hex')}@example.org` });
}

/** Consent to sharing as a 10-year-old's case needs it: the guardian's and the child's own. */
export async function recordSharingConsent(api: TestApi, assignee: Auth, caseId: string): Promise<void> {
  for (const body of [
    { giver: 'guardian', giverName: 'Trần Thị Mai', scopes: ['services', 'sharing'], givenAt: minutesAgo(30) },
    { giver: 'child', scopes: ['sharing'], givenAt: minutesAgo(29) },
  ]) {
    const res = await api.http.post(`/api/v1/cases/${caseId}/consents`).set(assignee).send(body);
    expectStatus(res, 201, 'consent');
  }
}

export async function addNote(api: TestApi, author: Auth, caseId: string, visibility: 'shared' | 'internal', body: string): Promise<string> {
  const res = await api.http
    .post(`/api/v1/cases/${caseId}/notes`)
    .set(author)
    .send({ kind: 'visit', visibility, body, occurredAt: minutesAgo(90) });
  expectStatus(res, 201, 'note');
  return (res.body as { id: string }).id;
}

/** A body for POST /cases/:id/referrals. */
export function referralBody(organisationId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organisationId,
    serviceType: 'legal_aid',
    urgency: 'normal',
    reason: 'The family needs advice on a protection order.',
    ...overrides,
  };
}

/** Personal data of the test case that must never reach a partner. */
export const SECRET = {
  fullName: 'Nguyễn Văn An',
  givenName: 'An',
  address: 'Thôn 3, tổ 12, kiệt 45',
  reporterName: 'Lê Thị Hoa',
  reporterPhone: '0912 777 888',
  incident: 'Bruises seen at school on Monday',
  internalNote: 'Internal: the father has a police record',
  dateOfBirth: '2016-05-04',
};

export interface ReferralWorld {
  admin: SignedIn;
  supervisor: SignedIn;
  caseworker: SignedIn;
  /** A legal-aid centre and its partner user. */
  orgA: OrganisationRef;
  partnerA: SignedIn;
  /** Another organisation (legal aid too) and its partner user. */
  orgB: OrganisationRef;
  partnerB: SignedIn;
}

/** The people and organisations most referral tests need. */
export async function referralWorld(api: TestApi): Promise<ReferralWorld> {
  const admin = await signedIn(api, Role.Admin);
  const supervisor = await signedIn(api, Role.Supervisor, { fullName: 'Trần Văn Giám' });
  const caseworker = await signedIn(api, Role.Caseworker, { fullName: 'Phạm Thị Lan', email: 'lan.caseworker@example.org' });
  const orgA = await newOrganisation(api, admin.auth, { name: 'Trung tâm Trợ giúp pháp lý A', serviceTypes: ['legal_aid', 'psychological'] });
  const orgB = await newOrganisation(api, admin.auth, { name: 'Trung tâm Trợ giúp pháp lý B' });
  return {
    admin,
    supervisor,
    caseworker,
    orgA,
    partnerA: await partnerOf(api, orgA.id, 'Hoàng Văn Luật'),
    orgB,
    partnerB: await partnerOf(api, orgB.id, 'Đỗ Thị Bê'),
  };
}

/**
 * A case of PHU_XUAN opened by the supervisor, assigned to the caseworker, with a reporter who
 * consented to be named, an address and an incident description: everything a partner must not see.
 */
export function sensitiveCase(api: TestApi, world: ReferralWorld): Promise<OpenedCase> {
  return openCase(api, world.supervisor.auth, {
    assigneeId: world.caseworker.user.id,
    child: { fullName: SECRET.fullName, sex: 'male', dateOfBirth: SECRET.dateOfBirth, communeCode: PHU_XUAN, address: SECRET.address },
    incident: { concernTypes: ['physical_violence'], communeCode: PHU_XUAN, description: SECRET.incident, immediateDanger: false },
    reporter: { relationship: 'teacher', name: SECRET.reporterName, phone: SECRET.reporterPhone, identityConsent: true },
  });
}

/** Sends a referral and returns its id (fails loudly otherwise). */
export async function sendReferral(api: TestApi, who: Auth, caseId: string, body: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const res = await api.http.post(`/api/v1/cases/${caseId}/referrals`).set(who).send(body);
  expectStatus(res, 201, 'referral');
  return res.body as { id: string; version: number };
}

/** The referral row and its case's history counts: what a refused command must leave untouched. */
export async function referralSnapshot(api: TestApi, caseId: string): Promise<Record<string, unknown>> {
  const [row] = await api.db.query(
    `SELECT
       (SELECT coalesce(json_agg(r ORDER BY r.created_at), '[]') FROM referral r WHERE r.case_id = $1) AS referrals,
       (SELECT count(*)::int FROM referral_update u JOIN referral r ON r.id = u.referral_id WHERE r.case_id = $1) AS updates,
       (SELECT count(*)::int FROM case_event e WHERE e.case_id = $1) AS events,
       (SELECT count(*)::int FROM case_decision_note n WHERE n.case_id = $1) AS decision_notes,
       (SELECT version FROM "case" c WHERE c.id = $1) AS case_version`,
    [caseId],
  );
  return row;
}
