import { Injectable } from '@nestjs/common';
import type { Actor } from '@haven/auth';
import { Role } from '@haven/domain';
import { AppException } from '@haven/platform';
import { CaseDetailDto } from './case.dto';
import { CaseCommandRunner } from './case-command.runner';
import { CaseQueryService } from './case-query.service';
import { AssignDto } from './command.dto';

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
        const rows: { role: Role }[] = await m.query(
          `SELECT u.role FROM app_user u JOIN user_commune uc ON uc.user_id = u.id AND uc.commune_code = $2 WHERE u.id = $1 AND u.active`,
          [dto.assigneeId, kase.communeCode],
        );
        if (rows.length === 0) throw AppException.validation([{ field: 'assigneeId', message: 'must be an active caseworker of the case’s commune' }]);
        return { kind: 'assign', actor: { id: actor.id, role: actor.role }, assignee: { id: dto.assigneeId, role: rows[0].role } };
      },
    });
    return this.query.load(kase.id);
  }
}
