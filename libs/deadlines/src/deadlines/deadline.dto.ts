import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { DEADLINE_KINDS, DEADLINE_STATUSES, DEADLINE_VARIANTS } from '@haven/domain';
import type { DeadlineKind, DeadlineStatus, DeadlineStep, DeadlineVariant } from '@haven/domain';
import { PageQueryDto } from '@haven/platform';
import type { DeadlineRow } from './deadline.repository';

const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class DeadlineOwnerDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fullName: string;
}

/** A deadline as staff see it: what is owed, by whom, by when, and how far it has escalated. */
export class DeadlineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: '46-2026-000123' }) caseNumber: string;
  @ApiProperty({ enum: DEADLINE_KINDS }) kind: DeadlineKind;
  @ApiProperty({ enum: DEADLINE_VARIANTS, description: 'emergency: an emergency referral (4 h); high_risk: the review of a high-risk case (30 days)' })
  variant: DeadlineVariant;
  @ApiProperty({ enum: DEADLINE_STATUSES }) status: DeadlineStatus;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ description: 'Open and past its due time' }) overdue: boolean;
  @ApiProperty({ enum: [0, 1, 2], description: '0: none yet; 1: the commune’s supervisors were alerted; 2: the province’s managers too' })
  escalationLevel: number;
  @ApiProperty({
    type: DeadlineOwnerDto,
    nullable: true,
    description: 'Who owes it (gets the reminders); null when a role does: a plan decision (the commune’s supervisors) or a referral’s answer (the partner)',
  })
  owner: DeadlineOwnerDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) referralId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) planActionId: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'reminder:0', description: 'The next reminder or escalation, while open' })
  nextStep: DeadlineStep | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) nextStepAt: string | null;
  @ApiProperty({ example: '19753' }) communeCode: string;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) metAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) cancelledAt: string | null;
}

export class DeadlinePageDto {
  @ApiProperty({ type: [DeadlineDto] }) items: DeadlineDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class DeadlineListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true: only open deadlines past due; false: only open ones not yet due; absent: all open ones' })
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  overdue?: boolean;
  @ApiPropertyOptional({ enum: DEADLINE_KINDS }) @IsOptional() @IsIn(DEADLINE_KINDS) kind?: DeadlineKind;
  @ApiPropertyOptional({ example: '19753' }) @IsOptional() @Matches(/^\d{5}$/, { message: 'communeCode must be five digits' }) communeCode?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Who owes the deadline (the case’s assignee for the case’s own steps)' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
  @ApiPropertyOptional({ enum: DEADLINE_STATUSES, default: 'open' }) @IsOptional() @IsIn(DEADLINE_STATUSES) status: DeadlineStatus = 'open';
}

/** A row of the deadline queries: the deadline's columns, its case's number and its owner's name. */
export type DeadlineListRow = Pick<
  DeadlineRow,
  | 'id'
  | 'case_id'
  | 'kind'
  | 'variant'
  | 'status'
  | 'due_at'
  | 'escalation_level'
  | 'owner_id'
  | 'referral_id'
  | 'plan_action_id'
  | 'next_step'
  | 'next_step_at'
  | 'commune_code'
  | 'opened_at'
  | 'met_at'
  | 'cancelled_at'
> & { case_number: string; owner_full_name: string | null };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toDeadlineDto(r: DeadlineListRow, now: Date): DeadlineDto {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    kind: r.kind,
    variant: r.variant ?? 'standard',
    status: r.status,
    dueAt: r.due_at.toISOString(),
    overdue: r.status === 'open' && r.due_at.getTime() < now.getTime(),
    escalationLevel: r.escalation_level,
    owner: r.owner_id ? { id: r.owner_id, fullName: r.owner_full_name ?? '' } : null,
    referralId: r.referral_id,
    planActionId: r.plan_action_id,
    nextStep: r.next_step,
    nextStepAt: iso(r.next_step_at),
    communeCode: r.commune_code,
    openedAt: r.opened_at.toISOString(),
    metAt: iso(r.met_at),
    cancelledAt: iso(r.cancelled_at),
  };
}
