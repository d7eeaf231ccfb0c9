import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { DataSource } from 'typeorm';
import { TimelineService } from '@haven/cases';
import { DeadlineForStep, DeadlineReconciler, DeadlineRulesService, DeadlineScheduler, DeadlinesService, nextStepOf } from '@haven/deadlines';
import { DeadlineStep, escalationLevelOf, isDeadlineStep, stepRecipients } from '@haven/domain';
import { deliveryChannels, DeliveryScheduler, NotificationsService } from '@haven/notifications';
import { AppConfig, JobContext, JobHandler, JobName, JobPayload, JobResult } from '@haven/platform';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_HORIZON_SECONDS = 3600;
/** A job may fire this much before its step's time (clocks of the API and worker hosts differ a little). */
const EARLY_TOLERANCE_MS = 1_000;

/** Why a step job does nothing: the deadline moved on since the job was scheduled. */
export type StepSkipReason = 'deadline_gone' | 'deadline_closed' | 'step_not_current' | 'due_time_changed' | 'not_yet_due';

export function skipReason(d: DeadlineForStep | null, payload: { step: string; dueAtMs: number }, now: Date): StepSkipReason | null {
  if (!d) return 'deadline_gone';
  if (d.status !== 'open') return 'deadline_closed';
  if (d.nextStep !== payload.step) return 'step_not_current';
  if (d.dueAt.getTime() !== payload.dueAtMs) return 'due_time_changed';
  // The reconciler adds it again, with the right delay, once it falls within its horizon.
  if (d.nextStepAt && d.nextStepAt.getTime() > now.getTime() + EARLY_TOLERANCE_MS) return 'not_yet_due';
  return null;
}

/**
 * The timers of deadlines: each step job reminds the owner or escalates, and schedules the step
 * that follows; the reconciler puts back whatever the queue lost.
 */
@Injectable()
export class DeadlineJobs {
  private readonly logger = new Logger(DeadlineJobs.name);
  /** Whether notifications leave the inbox at all (e-mail, webhooks); without a channel there is nothing to deliver. */
  private readonly delivers: boolean;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deadlines: DeadlinesService,
    private readonly rules: DeadlineRulesService,
    private readonly scheduler: DeadlineScheduler,
    private readonly reconciler: DeadlineReconciler,
    private readonly notifications: NotificationsService,
    private readonly delivery: DeliveryScheduler,
    private readonly timeline: TimelineService,
    config: AppConfig,
  ) {
    const channels = deliveryChannels(config);
    this.delivers = channels.email !== null || channels.webhook !== null;
  }

  /**
   * Sends one step of one deadline, if it is still the deadline's next step at the due time the
   * job was made for; otherwise skips and says why. In one transaction, with the deadline row
   * locked: the notifications (unique per recipient and `<deadline id>:<step>`), the timeline
   * event (only when a notification was created, so a re-run adds none), the escalation level and
   * the next step. After the commit: the next step's job and the deliveries.
   */
  @JobHandler(JobName.DeadlineStep)
  async step(payload: JobPayload<JobName.DeadlineStep>, context: JobContext): Promise<JobResult> {
    if (typeof payload?.deadlineId !== 'string' || !UUID.test(payload.deadlineId) || !isDeadlineStep(payload.step) || !Number.isSafeInteger(payload.dueAtMs)) {
      throw new UnrecoverableError('a deadline step needs a deadline id, a step name and a due time in ms');
    }
    const step: DeadlineStep = payload.step;
    const now = new Date();
    const outcome = await this.dataSource.transaction(async (m) => {
      const d = await this.deadlines.lockForStep(m, payload.deadlineId);
      const skipped = skipReason(d, payload, now);
      if (skipped || !d) return { skipped: skipped ?? ('deadline_gone' as const) };
      const level = escalationLevelOf(step);
      const recipientIds = await this.deadlines.recipientsOf(m, d, stepRecipients(step));
      const params = { deadlineId: d.id, step, deadlineKind: d.kind, dueAt: d.dueAt };
      const base = { recipientIds, caseId: d.caseId, caseNumber: d.caseNumber, dedupeKey: `${d.id}:${step}` };
      const created =
        recipientIds.length === 0
          ? []
          : level === 0
            ? await this.notifications.notify(m, { ...base, kind: 'deadline.reminder', params })
            : await this.notifications.notify(m, { ...base, kind: 'deadline.escalation', params: { ...params, level } });
      if (created.length > 0) {
        await this.timeline.append(m, d.caseId, null, [
          { type: level === 0 ? 'deadline.reminder' : 'deadline.escalated', payload: { deadlineId: d.id, kind: d.kind, step, level, dueAt: d.dueAt } },
        ]);
      }
      const reached = Math.max(level, d.escalationLevel);
      const next = nextStepOf(d, await this.rules.cached(d.provinceCode, m), now, { done: step, escalationLevel: reached });
      await this.deadlines.advance(m, d.id, reached, next);
      return { d, created, recipients: recipientIds.length, next };
    });

    const fields = { correlationId: context.id, deadlineId: payload.deadlineId, step };
    if (outcome.skipped) {
      this.logger.log({ ...fields, reason: outcome.skipped }, 'deadline step skipped');
      return { skipped: outcome.skipped };
    }
    if (outcome.recipients === 0) this.logger.warn({ ...fields, kind: outcome.d.kind }, 'deadline step has nobody to notify');
    if (outcome.next)
      await this.scheduler.schedule([{ deadlineId: outcome.d.id, step: outcome.next.step, at: outcome.next.at, dueAtMs: outcome.d.dueAt.getTime() }]);
    if (this.delivers) await this.delivery.enqueue(outcome.created);
    return { notified: outcome.created.length, recipients: outcome.recipients, next: outcome.next?.step ?? null };
  }

  /** Every 30 s: puts back every step due within the horizon (or late) whose job is missing. Idempotent. */
  @JobHandler(JobName.ReconcileDeadlines)
  async reconcile(payload: JobPayload<JobName.ReconcileDeadlines>): Promise<JobResult> {
    const horizon = payload?.horizonSeconds;
    if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON_SECONDS) {
      throw new UnrecoverableError(`horizonSeconds must be an integer from 1 to ${MAX_HORIZON_SECONDS}`);
    }
    return { ...(await this.reconciler.reconcile(horizon)) };
  }
}
