import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTE_KINDS, ORGANISATION_TYPES, REFERRAL_STATUSES, REFERRAL_URGENCIES, SERVICE_TYPES, SEXES } from '@haven/domain';
import type { NoteKind, OrganisationType, ReferralStatus, ReferralUrgency, ServiceType, Sex } from '@haven/domain';
import { PersonRefDto } from '@haven/cases';
import type { PartnerViewLevel } from './partner-view-level';

const ACCESS =
  'How much the partner may see (partners only): `full`, or `status` when consent to sharing is no longer in force (and the referral was not sent on an emergency override) ' +
  'or the referral was declined, cancelled or withdrawn (as the case’s closure does); then only the status and dates are given';
const FULL_ONLY = 'Absent when `access` is `status`';

export class ReferralOrganisationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ORGANISATION_TYPES }) type: OrganisationType;
}

/** A referral as lists show it: no child, no free text; for a partner without access to more, its status and dates. */
export class ReferralSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Staff only: a partner has no access to the case itself' }) caseId?: string;
  @ApiPropertyOptional({ enum: ['full', 'status'], description: ACCESS }) access?: PartnerViewLevel;
  @ApiPropertyOptional({ example: '46-2026-000123', description: FULL_ONLY }) caseNumber?: string;
  @ApiProperty({ type: ReferralOrganisationDto }) organisation: ReferralOrganisationDto;
  @ApiPropertyOptional({ enum: SERVICE_TYPES, description: FULL_ONLY }) serviceType?: ServiceType;
  @ApiPropertyOptional({ enum: REFERRAL_URGENCIES, description: FULL_ONLY }) urgency?: ReferralUrgency;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty({ format: 'date-time', description: 'When it was sent (received by the organisation)' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'When the organisation accepted or declined it' }) respondedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt: string | null;
  @ApiProperty() version: number;
}

export class ReferralPageDto {
  @ApiProperty({ type: [ReferralSummaryDto] }) items: ReferralSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ReferralUpdateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: PersonRefDto }) author: PersonRefDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** The child as the partner sees it: the given name only, an age, never a date of birth or an address. */
export class PartnerChildDto {
  @ApiProperty({ example: 'An', description: 'The given name alone, never the full name' }) givenName: string;
  @ApiProperty({ nullable: true, type: Number, example: 10, description: 'Whole years today; null when unknown' }) age: number | null;
  @ApiProperty({ description: 'The age comes from an estimate, not a known date of birth' }) ageEstimated: boolean;
  @ApiProperty({ enum: SEXES }) sex: Sex;
  @ApiProperty({ example: '19753' }) communeCode: string;
}

export class SharedNoteDto {
  @ApiProperty({ enum: NOTE_KINDS }) kind: NoteKind;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty() body: string;
}

export class CaseworkerContactDto {
  @ApiProperty() fullName: string;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
}

/**
 * The minimum-necessary view a partner gets of a referral to its organisation (PDPL 91/2025):
 * what the service needs, and nothing else of the case — no reporter, no full name, date of
 * birth or address, no assessments, no other referral or organisation. Without consent to
 * sharing in force (and no emergency override), or once declined or cancelled, it shrinks to the
 * status and dates (`access: 'status'`): the fields marked so are then absent.
 */
export class PartnerReferralDto {
  @ApiProperty({ enum: ['partner'], description: 'Which view this is' }) view: 'partner';
  @ApiProperty({ enum: ['full', 'status'], description: ACCESS }) access: PartnerViewLevel;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiPropertyOptional({ example: '46-2026-000123', description: `To quote when contacting the case worker. ${FULL_ONLY}` }) caseNumber?: string;
  @ApiPropertyOptional({ type: PartnerChildDto, description: FULL_ONLY }) child?: PartnerChildDto;
  @ApiProperty({ type: ReferralOrganisationDto }) organisation: ReferralOrganisationDto;
  @ApiPropertyOptional({ enum: SERVICE_TYPES, description: FULL_ONLY }) serviceType?: ServiceType;
  @ApiPropertyOptional({ enum: REFERRAL_URGENCIES, description: FULL_ONLY }) urgency?: ReferralUrgency;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiPropertyOptional({ description: FULL_ONLY }) reason?: string;
  @ApiPropertyOptional({ type: [SharedNoteDto], description: FULL_ONLY }) sharedNotes?: SharedNoteDto[];
  @ApiPropertyOptional({ type: CaseworkerContactDto, description: `The case worker to contact. ${FULL_ONLY}` }) caseworker?: CaseworkerContactDto;
  @ApiPropertyOptional({ nullable: true, type: String, description: FULL_ONLY }) declineReason?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: FULL_ONLY }) outcome?: string | null;
  @ApiPropertyOptional({ type: [ReferralUpdateDto], description: `The organisation’s progress updates, oldest first. ${FULL_ONLY}` })
  updates?: ReferralUpdateDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) respondedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt: string | null;
  @ApiProperty() version: number;
}

/** The case team's mark on an accepted referral: it goes on after the case closes, and why. */
export class ContinuesAfterClosureDto {
  @ApiProperty() reason: string;
  @ApiProperty({ type: PersonRefDto }) by: PersonRefDto;
  @ApiProperty({ format: 'date-time' }) at: string;
}

/** The case team's view of a referral: everything about it (the case itself is behind GET /cases/:id). */
export class StaffReferralDto {
  @ApiProperty({ enum: ['staff'], description: 'Which view this is' }) view: 'staff';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ example: '46-2026-000123' }) caseNumber: string;
  @ApiProperty({ type: ReferralOrganisationDto }) organisation: ReferralOrganisationDto;
  @ApiProperty({ enum: SERVICE_TYPES }) serviceType: ServiceType;
  @ApiProperty({ enum: REFERRAL_URGENCIES }) urgency: ReferralUrgency;
  @ApiProperty({ enum: REFERRAL_STATUSES }) status: ReferralStatus;
  @ApiProperty() reason: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The shared notes that travel with it' }) sharedNoteIds: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) planActionId: string | null;
  @ApiProperty({ description: 'Sent without recorded consent to sharing, on a supervisor’s emergency override' }) consentOverride: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The override’s justification' }) overrideJustification: string | null;
  @ApiProperty({ type: PersonRefDto }) createdBy: PersonRefDto;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'The partner user who accepted or declined it' }) respondedBy: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) respondedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) declineReason: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) completedBy: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) completedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true }) cancelledBy: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) cancelledAt: string | null;
  @ApiProperty({ nullable: true, type: String }) cancelReason: string | null;
  @ApiProperty({ type: PersonRefDto, nullable: true, description: 'Who withdrew it (the approver, when the case’s closure did)' })
  withdrawnBy: PersonRefDto | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) withdrawnAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: '`case_closed:<closure reason>` when the closure withdrew it' }) withdrawReason: string | null;
  @ApiProperty({ type: ContinuesAfterClosureDto, nullable: true, description: 'Marked to go on after the case closes (the closure then leaves it accepted)' })
  continuesAfterClosure: ContinuesAfterClosureDto | null;
  @ApiProperty({ type: [ReferralUpdateDto], description: 'The organisation’s progress updates, oldest first' }) updates: ReferralUpdateDto[];
  @ApiProperty() version: number;
}

export type ReferralViewDto = PartnerReferralDto | StaffReferralDto;
