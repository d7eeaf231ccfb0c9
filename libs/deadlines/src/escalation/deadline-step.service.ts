import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseRecordService } from '@haven/audit';
import { DeadlineKind, DeadlineStep, escalationLevelOf, stepRecipients, LadderStep } from '@haven/domain';
import { Clock } from '@haven/platform';
import type { Settled } from '@haven/platform';
import { DeadlineForStep, DeadlineRepository } from '../deadlines/deadline.repository';
import { DeadlineRulesService } from '../deadlines/deadline-rules.service';
import { DeadlineScheduler } from '../deadlines/deadline-scheduler.service';
import { DeadlineRules, nextStepOf, ScheduledStep } from '../deadlines/deadline-steps';
import { recipientsFor } from './recipients';
import { STEP_NOTIFIER, StepNotice, StepNotifier } from './step-notifier';

/** A step job's payload, checked. */
export interface StepJob {
  deadlineId: string;
  step: DeadlineStep;
  dueAtMs: number;
}

/** Why a step job does nothing: the deadline moved on since the job was scheduled. */
export type StepSkipReason = 'deadline_gone' | 'deadline_closed' | 'step_not_current' | 'due_time_changed' | 'not_yet_due';

export type StepOutcome = { skipped: StepSkipReason } | { kind: DeadlineKind; notified: number; recipients: number; next: DeadlineStep | null };

/** A job may fire this much before its step's time (clocks of the API and worker hosts differ a little). */
const EARLY_TOLERANCE_MS = 1_000;

export function skipReason(d: DeadlineForStep | null | undefined, job: Pick<StepJob, 'step' | 'dueAtMs'>, now: Date): StepSkipReason | null {
  if (!d) return 'deadline_gone';
  if (d.status !== 'open') return 'deadline_closed';
  if (d.nextStep !== job.step) return 'step_not_current';
  if (d.dueAt.getTime() !== job.dueAtMs) return 'due_time_changed';
  // The reconciler adds it again, with the right delay, once it falls within its horizon.
  if (d.nextStepAt && d.nextStepAt.getTime() > now.getTime() + EARLY_TOLERANCE_MS) return 'not_yet_due';
  return null;
}

interface Sending {
  index: number;
  d: DeadlineForStep;
  step: DeadlineStep;
  level: number;
}

/**
 * Sends deadline steps: each one reminds the owner or escalates, if it is still the deadline's
 * next step at the due time its job was made for; otherwise it is skipped with the reason. The
 * steps of a batch share one transaction, with their deadline rows locked: the notifications
 * (unique per recipient and `<deadline id>:<step>`), the timeline events (only where a
 * notification was created, so a re-run adds none), the escalation levels and the next steps.
 * After the commit: the next steps' jobs and the deliveries. Notices go through the StepNotifier
 * port (the app binds it to NotificationsService, whose guard keeps them to ids and codes, and to
 * DeliveryScheduler); `now` is the Clock's unless given.
 */
@Injectable()
export class DeadlineStepService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlineRepository,
    private readonly rules: DeadlineRulesService,
    private readonly scheduler: DeadlineScheduler,
    @Inject(STEP_NOTIFIER) private readonly notifier: StepNotifier,
    private readonly caseRecord: CaseRecordService,
    private readonly clock: Clock,
  ) {}

  /** A batch; if it fails as a whole, each step alone, so that one bad step cannot hold up the others. */
  async processAll(jobs: StepJob[]): Promise<Settled<StepOutcome>[]> {
    try {
      return (await this.process(jobs)).map((value) => ({ ok: true, value }));
    } catch (error) {
      if (jobs.length === 1) return [{ ok: false, error }];
      return Promise.all(
        jobs.map(async (job): Promise<Settled<StepOutcome>> => {
          try {
            return { ok: true, value: (await this.process([job]))[0] };
          } catch (err) {
            return { ok: false, error: err };
          }
        }),
      );
    }
  }

  async process(jobs: readonly StepJob[], now = this.clock.now()): Promise<StepOutcome[]> {
    const done = await this.dataSource.transaction(async (m) => {
      const locked = await this.deadlines.lockForSteps(m, [...new Set(jobs.map((j) => j.deadlineId))]);
      const outcomes: StepOutcome[] = [];
      const sending: Sending[] = [];
      const taken = new Set<string>();
      jobs.forEach((job, index) => {
        const d = locked.get(job.deadlineId);
        // A deadline moves one step per batch: a second job for it finds the step no longer current.
        const skipped = taken.has(job.deadlineId) ? 'step_not_current' : skipReason(d, job, now);
        if (skipped || !d) outcomes[index] = { skipped: skipped ?? 'deadline_gone' };
        else {
          taken.add(d.id);
          sending.push({ index, d, step: job.step, level: escalationLevelOf(job.step) });
        }
      });
      if (sending.length === 0) return { outcomes, next: [], created: [] };

      const recipients = await recipientsFor(
        m,
        sending.map((s) => ({ deadline: s.d, who: stepRecipients(s.step) })),
      );
      const created = await this.notifier.notifyMany(
        m,
        sending.map((s, k) => this.notice(s, recipients[k])),
      );
      await this.caseRecord.appendMany(
        m,
        sending
          .filter((_, k) => created[k].length > 0)
          .map((s) => ({
            caseId: s.d.caseId,
            actorId: null,
            event: {
              type: s.level === 0 ? 'deadline.reminder' : 'deadline.escalated',
              deadlineId: s.d.id,
              kind: s.d.kind,
              step: s.step,
              level: s.level,
              dueAt: s.d.dueAt,
            },
          })),
      );
      const rules = new Map<string, DeadlineRules>();
      for (const province of new Set(sending.map((s) => s.d.provinceCode))) rules.set(province, await this.rules.cached(province, m));
      const next: (LadderStep | null)[] = sending.map((s) =>
        nextStepOf(s.d, rules.get(s.d.provinceCode)!, now, { done: s.step, escalationLevel: Math.max(s.level, s.d.escalationLevel) }),
      );
      await this.deadlines.advance(
        m,
        sending.map((s, k) => ({ deadlineId: s.d.id, escalationLevel: Math.max(s.level, s.d.escalationLevel), next: next[k] })),
      );
      sending.forEach((s, k) => {
        outcomes[s.index] = { kind: s.d.kind, notified: created[k].length, recipients: recipients[k].length, next: next[k]?.step ?? null };
      });
      const scheduled: ScheduledStep[] = sending.flatMap((s, k) => {
        const step = next[k];
        return step ? [{ deadlineId: s.d.id, step: step.step, at: step.at, dueAtMs: s.d.dueAt.getTime() }] : [];
      });
      return { outcomes, next: scheduled, created: created.flat() };
    });
    // After the commit; neither throws (with Redis away, the reconcilers catch up).
    await this.scheduler.schedule(done.next);
    await this.notifier.deliverAfterCommit(done.created);
    return done.outcomes;
  }

  private notice(s: Sending, recipientIds: string[]): StepNotice {
    const params = { deadlineId: s.d.id, step: s.step, deadlineKind: s.d.kind, dueAt: s.d.dueAt };
    const base = { recipientIds, caseId: s.d.caseId, caseNumber: s.d.caseNumber, dedupeKey: `${s.d.id}:${s.step}` };
    return s.level === 0
      ? { ...base, kind: 'deadline.reminder', params }
      : { ...base, kind: 'deadline.escalation', params: { ...params, level: s.level as 1 | 2 } };
  }
}
