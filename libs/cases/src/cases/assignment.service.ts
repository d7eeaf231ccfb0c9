import { Injectable } from '@nestjs/common';
import type { Actor } from '@haven/auth';
import { AppException } from '@haven/platform';
import { CaseDetailDto } from './case.dto';
import { communeStaffRole } from './commune-staff';
import { CaseCommandRunner } from '../kernel/case-command.runner';
import { CaseQueryService } from './case-query.service';
import { AssignDto } from '../kernel/command.dto';

@Injectable()
export class AssignmentService {
  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly query: CaseQueryService,
  ) {}

  /** Assign or reassign to a caseworker of the case's commune (supervisors; intake officers for the first assignment). */
  async assign(actor: Actor, caseId: string, dto: AssignDto): Promise<CaseDetailDto> {
    const { kase } = await this.runner.run(actor, caseId, dto.version, {
      what: 'assignment',
      command: async ({ m, kase }) => {
        // The role goes to the domain, which refuses an assignee who is not a caseworker.
        const role = await communeStaffRole(m, dto.assigneeId, kase.communeCode);
        if (!role) throw AppException.validation([{ field: 'assigneeId', message: 'must be an active caseworker of the case’s commune' }]);
        return { kind: 'assign', actor: { id: actor.id, role: actor.role }, assignee: { id: dto.assigneeId, role } };
      },
    });
    return this.query.load(kase.id);
  }
}
