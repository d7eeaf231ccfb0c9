import type { DataSource, EntityManager } from 'typeorm';
import type { CaseRecordService } from '@haven/audit';
import type { Actor } from '@haven/auth';
import { Role } from '@haven/domain';
import { AppException, Clock, ErrorCode } from '@haven/platform';
import type { CaseAccessService } from '../access/case-access.service';
import type { CaseEntity } from '../cases/case.entity';
import { CaseWork, OnCaseOptions } from './case-work';

const actor: Actor = { id: 'u-1', username: 'cw', role: Role.Caseworker, provinceCode: '46', communeCodes: ['19753'], organisationId: null };
const kase = { id: 'c-1', version: 3, stage: 'assessment', assigneeId: 'u-2', createdBy: 'u-2' } as CaseEntity;

function setup(found: CaseEntity | null = kase) {
  const calls: string[] = [];
  const m = {} as EntityManager;
  const dataSource = {
    transaction: async (fn: (m: EntityManager) => Promise<unknown>) => {
      const result = await fn(m);
      calls.push('commit');
      return result;
    },
  } as unknown as DataSource;
  const access = {
    requireCase: async () => {
      if (!found) throw AppException.notFound('Case');
      return found;
    },
  } as unknown as CaseAccessService;
  const record = {
    append: async (_m: EntityManager, caseId: string, _actorId: string, events: { type: string }[]) => {
      calls.push(`append ${caseId} ${events.map((e) => e.type).join(',')}`);
    },
    logAccess: async (_m: EntityManager | undefined, caseId: string, _actorId: string, action: string, what: string) => {
      calls.push(`log ${caseId} ${action} ${what}`);
    },
  } as unknown as CaseRecordService;
  return { work: new CaseWork(dataSource, access, record, new Clock()), calls };
}

const codeOf = async (p: Promise<unknown>): Promise<ErrorCode | undefined> =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof AppException ? e.code : undefined),
  );

describe('CaseWork.onCase', () => {
  const all: OnCaseOptions = {
    lock: true,
    version: 2,
    who: { rule: 'caseTeam', doing: 'add notes to it' },
    open: { doing: 'adding a note', command: 'addNote' },
    what: 'note',
  };

  it('checks scope, then version, then who may, then the open case', async () => {
    expect(await codeOf(setup(null).work.onCase(actor, 'c-1', all, async () => 1))).toBe(ErrorCode.NotFound);
    expect(await codeOf(setup().work.onCase(actor, 'c-1', all, async () => 1))).toBe(ErrorCode.VersionConflict);
    expect(await codeOf(setup().work.onCase(actor, 'c-1', { ...all, version: 3 }, async () => 1))).toBe(ErrorCode.Forbidden);
    const closed = { ...kase, stage: 'closed', assigneeId: actor.id } as CaseEntity;
    expect(await codeOf(setup(closed).work.onCase(actor, 'c-1', { ...all, version: 3 }, async () => 1))).toBe(ErrorCode.TransitionNotAllowed);
  });

  it('writes the record at the end of the transaction and runs the effects after the commit, never throwing from them', async () => {
    const { work, calls } = setup({ ...kase, assigneeId: actor.id } as CaseEntity);
    const result = await work.onCase(actor, 'c-1', { ...all, version: undefined }, async (tx) => {
      tx.record({ type: 'note.added', noteId: 'n-1', kind: 'visit', visibility: 'internal' });
      tx.afterCommit(async () => {
        calls.push('effect 1');
        throw new Error('Redis away');
      });
      tx.afterCommit(async () => {
        calls.push('effect 2');
      });
      calls.push('write');
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toEqual(['write', 'append c-1 note.added', 'log c-1 write note', 'commit', 'effect 1', 'effect 2']);
  });

  it('runs no effect when the write fails', async () => {
    const { work, calls } = setup({ ...kase, assigneeId: actor.id } as CaseEntity);
    const failing = work.onCase(actor, 'c-1', { ...all, version: undefined }, async (tx) => {
      tx.afterCommit(async () => {
        calls.push('effect');
      });
      throw AppException.validation([]);
    });
    expect(await codeOf(failing)).toBe(ErrorCode.ValidationFailed);
    expect(calls).toEqual([]);
  });
});
