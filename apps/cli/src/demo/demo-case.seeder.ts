import { Injectable, Logger } from '@nestjs/common';
import { ClassConstructor } from 'class-transformer';
import { DataSource } from 'typeorm';
import { Actor, ActorsService } from '@haven/auth';
import {
  AddNoteDto,
  AssessmentService,
  AssignDto,
  AssignmentService,
  ClosureService,
  ConsentService,
  DecisionCommentDto,
  DraftPlanDto,
  EndSeparationDto,
  IntakeDto,
  IntakeService,
  NoteService,
  PlanService,
  RecordAssessmentDto,
  RecordConsentDto,
  RecordEmergencyMeasuresDto,
  ReopenDto,
  RequestClosureDto,
  SafetyService,
  StartSeparationDto,
  VersionedDto,
  vietnamDate,
  WithdrawConsentDto,
} from '@haven/cases';
import { ConsentGiver, Role, Stage, STAGES } from '@haven/domain';
import { validateObject } from '@haven/platform';
import { DEMO_CASES, DemoCase, DemoChild, demoChildOf, DemoPlan, DemoStep } from './demo-cases';
import { DEMO_USERS } from './demo-data';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface DemoCasesReport {
  /** Demo cases this run walked. */
  created: number;
  /** Demo cases an earlier run had made, left as they are. */
  existing: number;
  /** Every demo case (made now or before) by its stage now. */
  byStage: Record<Stage, number>;
}

/** The demo users who work the cases, as the services know them. */
interface DemoPeople {
  intake: Actor;
  supervisor: Actor;
  manager: Actor;
  /** The demo caseworker of each demo commune. */
  caseworkerOf(communeCode: string): Actor;
}

/** A case being walked: what the next command needs. */
interface Walk {
  caseId: string;
  version: number;
  receivedAt: Date;
  now: Date;
  caseworker: Actor;
  organisationId: string;
  /** The latest consent recorded by this walk, per giver (for a withdrawal). */
  consents: Map<ConsentGiver, string>;
  /** When the walk closed the case (a reopening's report comes after it). */
  closedAt?: string;
}

/** A date of birth that gives `age` (years, months, days) on `today` (YYYY-MM-DD). */
export function demoDateOfBirth(today: string, [years, months, days]: DemoChild['age']): string {
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y - years, m - 1 - months, d - days)).toISOString().slice(0, 10);
}

/** Validates a body the way the API's global pipe does, so a step gets exactly what a client's request would. */
export const body = <T extends object>(cls: ClassConstructor<T>, value: object): Promise<T> => validateObject(cls, value, '');

/**
 * Opens the demo cases (demo-cases.ts) and walks each through the real services, as the demo user
 * whose job each step is: the intake officer or supervisor opens, the commune's caseworker assesses,
 * plans, writes notes and records consents, the supervisor decides, the manager reopens. Nothing is
 * written to the case tables directly, so every case has the timeline, versions, access log and
 * records the API would have given it.
 *
 * Idempotency: a demo case is recognised by its creator (the demo user who opened it) and its
 * incident description, which is unique among the demo cases and which nothing edits after intake.
 * A case found that way is left as it is; a missing one is opened and walked. That check is durable,
 * unlike the Idempotency-Key of POST /cases (honoured for 24 hours only, and its table may be purged),
 * and it holds per case: a run interrupted half-way makes the missing cases the next time (a case
 * whose own walk was interrupted stays at the step it reached), and cases people create as demo users
 * never stop the seed. The caller holds the demo seed's advisory lock, so two seeds never race.
 */
@Injectable()
export class DemoCaseSeeder {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    private readonly dataSource: DataSource,
    private readonly actors: ActorsService,
    private readonly intake: IntakeService,
    private readonly assignment: AssignmentService,
    private readonly assessments: AssessmentService,
    private readonly safety: SafetyService,
    private readonly plans: PlanService,
    private readonly notes: NoteService,
    private readonly consents: ConsentService,
    private readonly closure: ClosureService,
  ) {}

  /** The report, and the id of every demo case by its key (for the steps that build on the cases). */
  async seed(organisationId: string, now: Date): Promise<{ report: DemoCasesReport; caseIds: ReadonlyMap<string, string> }> {
    const people = await this.people();
    const cases = new Map<string, { caseId: string; childId: string }>();
    const missing = await this.findExisting(people, cases);
    if (missing.length) this.logger.log(`walking ${missing.length} demo cases through the case services`);
    for (const spec of DEMO_CASES) {
      if (cases.has(spec.key)) continue;
      cases.set(spec.key, await this.walk(spec, people, cases, organisationId, now));
    }
    const caseIds = new Map([...cases].map(([key, c]) => [key, c.caseId]));
    const byStage = await this.byStage([...caseIds.values()]);
    return { report: { created: missing.length, existing: DEMO_CASES.length - missing.length, byStage }, caseIds };
  }

  private async people(): Promise<DemoPeople> {
    const actors = new Map<string, Actor>();
    for (const spec of DEMO_USERS) {
      const rows = (await this.dataSource.query(`SELECT id FROM app_user WHERE lower(username) = lower($1)`, [spec.username])) as { id: string }[];
      const actor = rows[0] ? await this.actors.findActor(rows[0].id) : null;
      if (!actor) throw new Error(`the demo user ${spec.username} is missing or disabled`);
      actors.set(spec.username, actor);
    }
    const byRole = (role: Role) => actors.get(DEMO_USERS.find((u) => u.role === role)!.username)!;
    const caseworkers = new Map(
      DEMO_USERS.filter((u) => u.role === Role.Caseworker).flatMap((u) => u.communeCodes.map((commune) => [commune, actors.get(u.username)!] as const)),
    );
    return {
      intake: byRole(Role.IntakeOfficer),
      supervisor: byRole(Role.Supervisor),
      manager: byRole(Role.Manager),
      caseworkerOf: (communeCode) => {
        const caseworker = caseworkers.get(communeCode);
        if (!caseworker) throw new Error(`no demo caseworker covers commune ${communeCode}`);
        return caseworker;
      },
    };
  }

  /** Fills `cases` with the demo cases an earlier run made; returns the keys of the others. */
  private async findExisting(people: DemoPeople, cases: Map<string, { caseId: string; childId: string }>): Promise<string[]> {
    const missing: string[] = [];
    for (const spec of DEMO_CASES) {
      const opener = this.opener(spec, people);
      const rows = (await this.dataSource.query(
        `SELECT id, child_id FROM "case" WHERE created_by = $1 AND incident_description = $2 ORDER BY opened_at LIMIT 1`,
        [opener.id, spec.incident.description],
      )) as { id: string; child_id: string }[];
      if (rows[0]) cases.set(spec.key, { caseId: rows[0].id, childId: rows[0].child_id });
      else missing.push(spec.key);
    }
    return missing;
  }

  private opener(spec: DemoCase, people: DemoPeople): Actor {
    if (spec.openedBy === 'caseworker') return people.caseworkerOf(demoChildOf(spec).communeCode);
    return spec.openedBy === 'intake' ? people.intake : people.supervisor;
  }

  /** Opens one case and runs its steps. Errors name the case's key and step, never the child. */
  private async walk(
    spec: DemoCase,
    people: DemoPeople,
    cases: Map<string, { caseId: string; childId: string }>,
    organisationId: string,
    now: Date,
  ): Promise<{ caseId: string; childId: string }> {
    const child = demoChildOf(spec);
    const caseworker = people.caseworkerOf(child.communeCode);
    const receivedAt = new Date(now.getTime() - spec.receivedDaysAgo * DAY_MS);
    const assignOnIntake = spec.openedBy === 'caseworker' || spec.assignOnIntake === true;
    const childInput = 'sameChildAs' in spec.child ? { id: cases.get(spec.child.sameChildAs)!.childId } : this.newChild(child, now);

    const opened = await this.intake.open(
      this.opener(spec, people),
      await body(IntakeDto, {
        receivedAt: receivedAt.toISOString(),
        channel: spec.channel,
        ...(spec.reporter && { reporter: spec.reporter }),
        child: childInput,
        incident: {
          concernTypes: spec.incident.concernTypes,
          communeCode: child.communeCode,
          description: spec.incident.description,
          immediateDanger: spec.incident.immediateDanger,
          ...(spec.incident.hoursBefore !== undefined && { occurredAt: new Date(receivedAt.getTime() - spec.incident.hoursBefore * HOUR_MS).toISOString() }),
        },
        ...(assignOnIntake && { assigneeId: caseworker.id }),
      }),
    );
    const walk: Walk = { caseId: opened.detail.id, version: opened.detail.version, receivedAt, now, caseworker, organisationId, consents: new Map() };

    for (const [i, step] of spec.steps.entries()) {
      try {
        await this.step(walk, step, people);
      } catch (err) {
        this.logger.error(`demo case ${spec.key}: step ${i + 1} (${step.kind}) failed`);
        throw err;
      }
    }
    const [{ stage }] = (await this.dataSource.query(`SELECT stage FROM "case" WHERE id = $1`, [walk.caseId])) as { stage: Stage }[];
    if (stage !== spec.stage) throw new Error(`demo case ${spec.key} ended in stage ${stage}, not ${spec.stage}: its steps need fixing`);
    return { caseId: walk.caseId, childId: opened.detail.child.id };
  }

  private newChild(child: DemoChild, now: Date): Record<string, unknown> {
    return {
      fullName: child.fullName,
      sex: child.sex,
      ...(child.ageEstimated ? { estimatedAge: child.age[0] } : { dateOfBirth: demoDateOfBirth(vietnamDate(now), child.age) }),
      communeCode: child.communeCode,
      address: child.address,
      caregivers: child.caregivers,
      ...(child.specialCircumstances && { specialCircumstances: child.specialCircumstances }),
      ...(child.ethnicity && { ethnicity: child.ethnicity }),
    };
  }

  /** Runs one step as the user whose job it is, and keeps the case version the next command needs. */
  private async step(w: Walk, step: DemoStep, people: DemoPeople): Promise<void> {
    const { caseId, caseworker } = w;
    const { supervisor } = people;
    const version = { version: w.version };
    switch (step.kind) {
      case 'assign': {
        const by = step.by === 'intake' ? people.intake : supervisor;
        w.version = (await this.assignment.assign(by, caseId, await body(AssignDto, { ...version, assigneeId: caseworker.id }))).version;
        return;
      }
      case 'assess': {
        const dto = await body(RecordAssessmentDto, {
          ...version,
          type: step.type,
          riskLevel: step.riskLevel,
          findings: step.findings,
          ...(step.immediateDanger !== undefined && { immediateDanger: step.immediateDanger }),
          ...(step.stillAtRisk !== undefined && { stillAtRisk: step.stillAtRisk }),
        });
        w.version = (await this.assessments.record(caseworker, caseId, dto)).version;
        return;
      }
      case 'emergency': {
        const dto = await body(RecordEmergencyMeasuresDto, {
          ...version,
          measures: step.measures,
          takenAt: this.at(w, step.hour / 24),
          ...(step.note && { note: step.note }),
        });
        w.version = (await this.safety.recordEmergencyMeasures(caseworker, caseId, dto)).version;
        return;
      }
      case 'startSeparation': {
        const startAt = new Date(w.receivedAt.getTime() + step.hour * HOUR_MS);
        const dto = await body(StartSeparationDto, {
          ...version,
          startAt: startAt.toISOString(),
          endAt: new Date(startAt.getTime() + step.days * DAY_MS).toISOString(),
          placement: step.placement,
        });
        w.version = (await this.safety.startSeparation(supervisor, caseId, dto)).version;
        return;
      }
      case 'endSeparation': {
        // SafetyService answers with the case; the separation's id is read back (a read, not a write).
        const rows = (await this.dataSource.query(`SELECT id FROM separation WHERE case_id = $1 AND ended_at IS NULL`, [caseId])) as { id: string }[];
        const dto = await body(EndSeparationDto, { ...version, endedAt: this.at(w, step.day) });
        w.version = (await this.safety.endSeparation(supervisor, caseId, rows[0].id, dto)).version;
        return;
      }
      case 'draftPlan':
        w.version = (await this.plans.draft(caseworker, caseId, await body(DraftPlanDto, { ...version, ...this.plan(w, step.plan) }))).caseVersion;
        return;
      case 'submitPlan':
        w.version = (await this.plans.submit(caseworker, caseId, await body(VersionedDto, version))).caseVersion;
        return;
      case 'decidePlan': {
        const dto = await body(DecisionCommentDto, { ...version, ...(step.comment && { comment: step.comment }) });
        w.version = (step.approve ? await this.plans.approve(supervisor, caseId, dto) : await this.plans.reject(supervisor, caseId, dto)).caseVersion;
        return;
      }
      case 'note': {
        const dto = await body(AddNoteDto, { kind: step.noteKind, visibility: step.visibility, body: step.body, occurredAt: this.at(w, step.day) });
        await this.notes.add(step.bySupervisor ? supervisor : caseworker, caseId, dto);
        return;
      }
      case 'consent': {
        const dto = await body(RecordConsentDto, {
          giver: step.giver,
          scopes: step.scopes,
          givenAt: this.at(w, step.day),
          ...(step.giverName && { giverName: step.giverName }),
        });
        w.consents.set(step.giver, (await this.consents.record(caseworker, caseId, dto)).id);
        return;
      }
      case 'withdrawConsent': {
        const consentId = w.consents.get(step.giver);
        if (!consentId) throw new Error(`no ${step.giver} consent to withdraw`);
        await this.consents.withdraw(caseworker, caseId, consentId, await body(WithdrawConsentDto, { withdrawnAt: this.at(w, step.day) }));
        return;
      }
      case 'requestClosure':
        w.version = (
          await this.closure.request(
            caseworker,
            caseId,
            await body(RequestClosureDto, {
              ...version,
              reason: step.reason,
              note: step.note,
              ...(step.receivingCommuneCode && { receivingCommuneCode: step.receivingCommuneCode }),
            }),
          )
        ).version;
        return;
      case 'decideClosure': {
        const dto = await body(DecisionCommentDto, { ...version, ...(step.comment && { comment: step.comment }) });
        const decided = step.approve ? await this.closure.approve(supervisor, caseId, dto) : await this.closure.reject(supervisor, caseId, dto);
        w.version = decided.version;
        if (decided.closedAt) w.closedAt = decided.closedAt;
        return;
      }
      case 'reopen': {
        const by = step.by === 'manager' ? people.manager : supervisor;
        // The new report came in as the case was closed (the demo walks every step at once).
        const receipt = { receivedAt: w.closedAt ?? new Date().toISOString(), channel: step.channel };
        w.version = (await this.closure.reopen(by, caseId, await body(ReopenDto, { ...version, reason: step.reason, ...receipt }))).version;
        return;
      }
    }
  }

  /** The plan's body: action dates count from the report's receipt; providers and people are demo ones. */
  private plan(w: Walk, plan: DemoPlan): { goals: string[]; actions: Record<string, unknown>[] } {
    const day = (n: number) => new Date(w.receivedAt.getTime() + n * DAY_MS).toISOString();
    return {
      goals: plan.goals,
      actions: plan.actions.map((a) => ({
        serviceType: a.serviceType,
        description: a.description,
        startAt: day(a.startDay),
        dueAt: day(a.dueDay),
        ...(a.cost !== undefined && { costEstimate: a.cost }),
        ...(a.byDemoOrganisation && { organisationId: w.organisationId }),
        ...(a.byCaseworker && { responsibleUserId: w.caseworker.id }),
      })),
    };
  }

  /** `days` after the report's receipt, never later than a minute before the seed ("not in the future"). */
  private at(w: Walk, days: number): string {
    return new Date(Math.min(w.receivedAt.getTime() + days * DAY_MS, w.now.getTime() - 60_000)).toISOString();
  }

  private async byStage(caseIds: string[]): Promise<Record<Stage, number>> {
    const counts = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
    const rows = (await this.dataSource.query(`SELECT stage, count(*)::int AS n FROM "case" WHERE id = ANY($1::uuid[]) GROUP BY stage`, [caseIds])) as {
      stage: Stage;
      n: number;
    }[];
    for (const r of rows) counts[r.stage] = r.n;
    return counts;
  }
}

/** The demo cases by stage, as plain text: counts and stages only, never anything about a child. */
export function formatDemoCases(report: DemoCasesReport): string {
  const total = STAGES.reduce((n, s) => n + report.byStage[s], 0);
  const width = Math.max(...STAGES.map((s) => s.length), 'total'.length);
  const digits = String(total).length;
  const line = (label: string, n: number) => `  ${label.padEnd(width)}  ${String(n).padStart(digits)}`;
  return [...STAGES.map((s) => line(s, report.byStage[s])), line('total', total)].join('\n') + '\n';
}
