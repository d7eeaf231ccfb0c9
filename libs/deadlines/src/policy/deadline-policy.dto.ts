import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Matches, Max, Min } from 'class-validator';
import { DURATION_UNITS, PLAN_SUBMISSION_STARTS } from '@haven/domain';
import type { DeadlinePolicy, DeadlinePolicyOverrides, DurationUnit, PlanSubmissionStart } from '@haven/domain';

/*
 * The shapes below document the policy in OpenAPI. The policy itself is checked by the domain
 * (resolveDeadlinePolicy), which reports every problem with its field path; class-validator only
 * checks the envelope.
 */

const UNITS_DESCRIPTION =
  '`seconds`, `minutes`, `hours`: elapsed clock time. `days`: as a duration, the end (23:59:59.999 Asia/Ho_Chi_Minh) of the n-th calendar day after the day of the event, moved to the end of the next working day when it falls on a weekend or holiday; as an offset, n × 24 hours. `working_days`: as a duration, the end of the n-th working day after the day of the event (the day of the event does not count; Civil Code 2015 arts. 144–148 (art. 145(1): they apply unless another law provides otherwise), applied by analogy to working days); as an offset, the same local time n working days earlier (reminder) or later (grace).';

export class DurationDto {
  @ApiProperty({ type: 'integer', example: 5, description: 'A whole number: positive for durations and reminders, 0 or more for a grace' })
  value: number;

  @ApiProperty({ enum: DURATION_UNITS, example: 'working_days', description: UNITS_DESCRIPTION })
  unit: DurationUnit;
}

export class AlertRuleDto {
  @ApiProperty({
    type: [DurationDto],
    maxItems: 5,
    description:
      'Reminders to the owner, as offsets before the due time, the earliest (largest) first, without repeats; each shorter than the duration. A reminder in working_days needs a duration in working_days.',
  })
  reminders: DurationDto[];

  @ApiProperty({
    type: DurationDto,
    description: 'Escalation 1 (the commune’s supervisors) is at the due time; escalation 2 (the province’s managers) this long after it. At most 30 days.',
  })
  escalationGrace: DurationDto;
}

export class TimedRuleDto extends AlertRuleDto {
  @ApiProperty({ type: DurationDto, description: 'How long the owner has, counted from the event that opens the deadline. At most 366 days.' })
  duration: DurationDto;
}

export class ReferralResponseRuleDto extends TimedRuleDto {
  @ApiProperty({ type: TimedRuleDto, description: 'An emergency referral (default 4 hours)' })
  emergency: TimedRuleDto;
}

export class ReviewRuleDto extends TimedRuleDto {
  @ApiProperty({ type: TimedRuleDto, description: 'The review of a high-risk case (default 30 days)' })
  highRisk: TimedRuleDto;
}

export class DeadlinePolicyKindsDto {
  @ApiProperty({
    type: TimedRuleDto,
    description:
      'From receipt of the report (default 12 hours: policy, derived from Decree 56 art. 26(3); the law sets no separate time for the initial assessment)',
  })
  initial_assessment: TimedRuleDto;
  @ApiProperty({
    type: TimedRuleDto,
    description: 'From receipt, when the child is in immediate danger (default 12 hours, Decree 56 arts. 26(3), 31(2), 32(2))',
  })
  emergency_measures: TimedRuleDto;
  @ApiProperty({
    type: TimedRuleDto,
    description: 'From receipt or the needs assessment, see planSubmissionFrom (default 5 working days, Decree 56 art. 28(1))',
  })
  plan_submission: TimedRuleDto;
  @ApiProperty({ type: TimedRuleDto, description: 'From submission (default 2 working days, Decree 56 art. 28(4))' }) plan_approval: TimedRuleDto;
  @ApiProperty({ type: ReferralResponseRuleDto, description: 'From the referral (default 2 working days; emergency 4 hours)' })
  referral_response: ReferralResponseRuleDto;
  @ApiProperty({ type: ReviewRuleDto, description: 'From plan approval or the last review (default 90 days; high risk 30 days)' }) review: ReviewRuleDto;
  @ApiProperty({ type: AlertRuleDto, description: 'Due at the separation’s end; no duration' }) separation_end: AlertRuleDto;
  @ApiProperty({ type: AlertRuleDto, description: 'Due at the plan action’s due date; no duration' }) plan_action: AlertRuleDto;
}

export class DeadlinePolicyDto {
  @ApiProperty({
    enum: PLAN_SUBMISSION_STARTS,
    description: 'What the plan’s working days are counted from (the law does not say; receipt is the strict reading)',
  })
  planSubmissionFrom: PlanSubmissionStart;

  @ApiProperty({ type: DeadlinePolicyKindsDto })
  kinds: DeadlinePolicyKindsDto;
}

export class DeadlinePolicyQueryDto {
  @ApiPropertyOptional({ example: '46', description: 'Admins: the province to read (default: their own). Staff read their own province only.' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit code' })
  provinceCode?: string;
}

const OVERRIDES_EXAMPLE = {
  planSubmissionFrom: 'receipt',
  kinds: {
    plan_submission: { duration: { value: 7, unit: 'working_days' } },
    referral_response: { emergency: { reminders: [{ value: 2, unit: 'hours' }] } },
  },
};

export class UpdateDeadlinePolicyDto {
  @ApiProperty({ example: '46', description: 'The province whose policy this is' })
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit code' })
  provinceCode: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: OVERRIDES_EXAMPLE,
    description:
      'The province’s overrides, replacing those saved before: any subset of the policy (see DeadlinePolicyDto), down to single rule fields; a `reminders` list is replaced whole. What is absent takes the default; `{}` returns to the defaults. An invalid policy answers 400 VALIDATION_FAILED listing each field (paths such as `policy.kinds.plan_submission.duration.value`) and changes nothing.',
  })
  @IsObject()
  policy: Record<string, unknown>;

  @ApiProperty({
    type: 'integer',
    example: 0,
    description: 'The version last read (0 while the province has no overrides); a stale one answers 409 VERSION_CONFLICT',
  })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  version: number;
}

export class DeadlinePolicyResponseDto {
  @ApiProperty({ example: '46' }) provinceCode: string;

  @ApiProperty({ type: DeadlinePolicyDto, description: 'The effective policy: the defaults with the province’s overrides' })
  policy: DeadlinePolicy;

  @ApiProperty({ type: 'object', additionalProperties: true, example: OVERRIDES_EXAMPLE, description: 'What the province changed (empty: the defaults)' })
  overrides: DeadlinePolicyOverrides;

  @ApiProperty({ type: 'integer', example: 0, description: 'Send it back with a change; 0 while the province has never saved overrides' })
  version: number;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) updatedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) updatedBy: string | null;
}
