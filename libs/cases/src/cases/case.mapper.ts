import type { ChildEntity } from '../children/child.entity';
import type { CaseEntity } from './case.entity';
import type { CaseDetailDto, CaseSummaryDto, PersonRefDto } from './case.dto';

export interface CaseRow {
  kase: CaseEntity;
  child: Pick<ChildEntity, 'id' | 'fullName' | 'sex' | 'dateOfBirth' | 'dateOfBirthEstimated' | 'communeCode'>;
  assignee: PersonRefDto | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toCaseSummary({ kase, child, assignee }: CaseRow): CaseSummaryDto {
  return {
    id: kase.id,
    caseNumber: kase.caseNumber,
    stage: kase.stage,
    riskLevel: kase.riskLevel,
    immediateDanger: kase.immediateDanger,
    concernTypes: kase.concernTypes,
    provinceCode: kase.provinceCode,
    communeCode: kase.communeCode,
    child: {
      id: child.id,
      fullName: child.fullName,
      sex: child.sex,
      dateOfBirth: child.dateOfBirth,
      dateOfBirthEstimated: child.dateOfBirthEstimated,
      communeCode: child.communeCode,
    },
    assignee,
    receivedAt: kase.receivedAt.toISOString(),
    openedAt: kase.openedAt.toISOString(),
    closedAt: iso(kase.closedAt),
    nextDueAt: iso(kase.nextDueAt),
    version: kase.version,
  };
}

/** The detail without its open deadlines (CaseQueryService adds them). */
export function toCaseDetail(row: CaseRow, createdBy: PersonRefDto, consentScopes: string[]): Omit<CaseDetailDto, 'openDeadlines'> {
  const { kase } = row;
  const closure =
    kase.closureReason && kase.closureApprovedBy
      ? {
          reason: kase.closureReason,
          requestedBy: kase.closureRequestedBy ?? kase.closureApprovedBy,
          approvedBy: kase.closureApprovedBy,
          closedAt: iso(kase.closedAt),
        }
      : kase.closureRequestReason && kase.closureRequestedBy
        ? { reason: kase.closureRequestReason, requestedBy: kase.closureRequestedBy, approvedBy: null, closedAt: null }
        : null;
  return {
    ...toCaseSummary(row),
    channel: kase.channel,
    reporter: kase.reporter,
    incident: {
      concernTypes: kase.concernTypes,
      occurredAt: iso(kase.incidentOccurredAt),
      communeCode: kase.incidentCommuneCode,
      description: kase.incidentDescription,
      immediateDanger: kase.immediateDanger,
    },
    createdBy,
    hasInitialAssessment: kase.hasInitialAssessment,
    hasNeedsAssessment: kase.hasNeedsAssessment,
    approvedPlanVersion: kase.approvedPlanVersion,
    closure,
    reopenCount: kase.reopenCount,
    consentScopes,
  };
}
