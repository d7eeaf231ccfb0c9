import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { PLAN_STATUSES, SERVICE_TYPES } from '@haven/domain';
import type { PlanStatus, ServiceType } from '@haven/domain';
import { PersonRefDto } from '../cases/case.dto';
import { VersionedDto } from '../kernel/command.dto';
import { CleanTextEach, IsAfter, IsPlannedInstant, MultilineText, PLANNED_INSTANT_RULE } from '../common/input.validators';

export const PLAN_MAX_GOALS = 20;
export const PLAN_GOAL_MAX_LENGTH = 1000;
export const PLAN_MAX_ACTIONS = 50;
export const PLAN_ACTION_DESCRIPTION_MAX_LENGTH = 2000;
/** plan_action.cost_estimate is numeric(14, 0): whole đồng below 10^14. */
export const PLAN_COST_ESTIMATE_MAX = 99_999_999_999_999;

/** One task of the plan (Decree 56 art. 28(3)): the service, who carries it out, when, at what cost. */
export class PlanActionInputDto {
  @ApiProperty({ enum: SERVICE_TYPES, description: 'See GET /codes (serviceTypes)' })
  @IsIn(SERVICE_TYPES)
  serviceType: ServiceType;

  @ApiProperty({ maxLength: PLAN_ACTION_DESCRIPTION_MAX_LENGTH, example: 'Weekly counselling sessions at the commune health station' })
  @MultilineText(1, PLAN_ACTION_DESCRIPTION_MAX_LENGTH)
  description: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The service provider mobilised: an active organisation (GET /organisations); an unknown one answers 400',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The person responsible: an active user of the case’s province; anyone else answers 400' })
  @IsOptional()
  @IsUUID()
  responsibleUserId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: `When the action starts. ${PLANNED_INSTANT_RULE}` })
  @IsOptional()
  @IsISO8601({ strict: true })
  @IsPlannedInstant()
  startAt?: string;

  @ApiProperty({ format: 'date-time', description: `Expected end; after startAt when both are given. ${PLANNED_INSTANT_RULE}` })
  @IsISO8601({ strict: true })
  @IsPlannedInstant()
  @IsAfter('startAt')
  dueAt: string;

  @ApiPropertyOptional({ minimum: 0, maximum: PLAN_COST_ESTIMATE_MAX, example: 1_500_000, description: 'Estimated cost in Vietnamese đồng, a whole number' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(PLAN_COST_ESTIMATE_MAX)
  costEstimate?: number;
}

/**
 * The whole content of the plan version being drafted: it replaces the open draft's goals and
 * actions, or opens a new version (see PlanService.draft).
 */
export class DraftPlanDto extends VersionedDto {
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: PLAN_MAX_GOALS,
    description: `What the plan should achieve for the child; 1–${PLAN_MAX_GOALS} goals of 1–${PLAN_GOAL_MAX_LENGTH} characters each`,
    example: ['The child attends school every day', 'The mother is able to protect the child'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PLAN_MAX_GOALS)
  @CleanTextEach(1, PLAN_GOAL_MAX_LENGTH)
  goals: string[];

  @ApiProperty({ type: [PlanActionInputDto], minItems: 1, maxItems: PLAN_MAX_ACTIONS, description: 'The tasks, in the order given' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(PLAN_MAX_ACTIONS)
  @ValidateNested({ each: true })
  @Type(() => PlanActionInputDto)
  actions: PlanActionInputDto[];
}

export class PlanActionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '1, 2, 3… in the order the plan lists them' }) position: number;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType: ServiceType;
  @ApiProperty() description: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) responsibleUserId: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) startAt: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Vietnamese đồng' }) costEstimate: number | null;
}

/** One version of the plan (Mẫu 04/05). A version's content is frozen once submitted. */
export class PlanVersionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: 2, description: '1, 2, 3…: a rejected version, or an approved one being amended, is followed by a new version' }) version: number;
  @ApiProperty({ enum: PLAN_STATUSES, description: 'superseded: an approved version replaced by the approval of a later one' }) status: PlanStatus;
  @ApiProperty({ type: [String] }) goals: string[];
  @ApiProperty({ type: [PlanActionDto] }) actions: PlanActionDto[];
  @ApiProperty({ type: [PersonRefDto], description: 'Who drafted this version; none of them may approve or reject it' }) authors: PersonRefDto[];
  @ApiProperty({ type: PersonRefDto, nullable: true }) submittedBy: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'The supervisor who approved or rejected it' }) decidedBy: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The decision’s comment (kept here, never in the timeline)' }) decisionComment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** A plan version as a command or GET /cases/:id/plan answers it: with the case version for the next command. */
export class PlanResponseDto extends PlanVersionDto {
  @ApiProperty({ example: 7, description: 'The case’s version now: send it with the next command on the case' }) caseVersion: number;
  @ApiProperty({ nullable: true, type: Number, description: 'The approved version in force (may be older than this one while an amendment is drafted)' })
  approvedPlanVersion: number | null;
}

export class PlanVersionPageDto {
  @ApiProperty({ type: [PlanVersionDto] }) items: PlanVersionDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
