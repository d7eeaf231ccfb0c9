import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { Actor } from '@haven/auth';
import { AppException } from '@haven/platform';
import { CaseEntity } from '../cases/case.entity';
import { applyCaseScope } from './case-scope';

/**
 * The one door to a case: loads it only if it is in the actor's scope, in
 * one query, and answers 404 otherwise (so ids cannot be probed).
 */
@Injectable()
export class CaseAccessService {
  constructor(@InjectRepository(CaseEntity) private readonly cases: Repository<CaseEntity>) {}

  async requireCase(actor: Actor, caseId: string, options: { manager?: EntityManager; lock?: boolean } = {}): Promise<CaseEntity> {
    const repo = options.manager ? options.manager.getRepository(CaseEntity) : this.cases;
    const qb = repo.createQueryBuilder('c').where('c.id = :caseId', { caseId });
    applyCaseScope(qb, actor, 'c');
    // Locks the case row for the rest of the command's transaction, so concurrent commands queue.
    if (options.lock) qb.setLock('pessimistic_write');
    const found = await qb.getOne();
    if (!found) throw AppException.notFound('Case');
    return found;
  }
}
