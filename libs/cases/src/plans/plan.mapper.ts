import type { PersonRefDto } from '../cases/case.dto';
import type { PlanActionEntity, PlanEntity } from './plan.entity';
import type { PlanActionDto, PlanVersionDto } from './plan.dto';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Users' names by id; an id missing from the map keeps an empty name rather than failing. */
const person = (id: string | null, names: Map<string, string>): PersonRefDto | null => (id ? { id, fullName: names.get(id) ?? '' } : null);

export function toPlanAction(a: PlanActionEntity): PlanActionDto {
  return {
    id: a.id,
    position: a.position,
    serviceType: a.serviceType,
    description: a.description,
    organisationId: a.organisationId,
    responsibleUserId: a.responsibleUserId,
    startAt: iso(a.startAt),
    dueAt: a.dueAt.toISOString(),
    costEstimate: a.costEstimate,
  };
}

export function toPlanVersion(plan: PlanEntity, actions: PlanActionEntity[], names: Map<string, string>): PlanVersionDto {
  return {
    id: plan.id,
    caseId: plan.caseId,
    version: plan.versionNo,
    status: plan.status,
    goals: plan.goals,
    actions: [...actions].sort((x, y) => x.position - y.position).map(toPlanAction),
    authors: plan.authorIds.map((id) => ({ id, fullName: names.get(id) ?? '' })),
    submittedBy: person(plan.submittedBy, names),
    submittedAt: iso(plan.submittedAt),
    decidedBy: person(plan.decidedBy, names),
    decidedAt: iso(plan.decidedAt),
    decisionComment: plan.decisionComment,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}

/** Every user id a plan version names, for one lookup of their names. */
export const planPeople = (plan: PlanEntity): (string | null)[] => [...plan.authorIds, plan.submittedBy, plan.decidedBy];
