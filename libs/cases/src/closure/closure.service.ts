import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '@haven/auth';
import { AppException, ErrorCode } from '@haven/platform';
import type { CaseEvent, CaseEventType } from '@haven/domain';
import { CaseDetailDto } from '../cases/case.dto';
import { CaseEntity } from '../cases/case.entity';
import { CaseCommandRunner } from '../kernel/case-command.runner';
import { CaseQueryService } from '../cases/case-query.service';
import { DecisionCommentDto } from '../kernel/command.dto';
import type { DecisionNoteKind } from '../kernel/decision-note.entity';
import { addDecisionNote } from '../kernel/decision-notes';
import { RequestClosureDto, ReopenDto } from './closure.dto';

async function communeExists(m: EntityManager, code: string): Promise<boolean> {
  const rows: unknown[] = await m.query(`SELECT 1 FROM commune WHERE code = $1`, [code]);
  return rows.length > 0;
}

/** The timeline event of `type` points to the decision's note, when there is one. */
const noteOn =
  (type: CaseEventType) =>
  (event: CaseEvent, noteId: string | null): { noteId?: string } =>
    event.type === type && noteId ? { noteId } : {};

/**
 * Closure (Decree 56 art. 30) and reopening. A request and an approval are announced (TxEvents
 * 'case.closure_requested', 'case.closure_approved') for libs/referrals, which sits above cases:
 * in the same transaction it lists, checks, cancels or withdraws the case's referrals. Reopening
 * revives none of them. The people's words (the request's note, the decision's
 * comment, the reopening's reason) go to case_decision_note; events carry the note's id only. The
 * case's closure_request_note mirrors the note of the request in force (pending, or behind the
 * closure), and is cleared with it; so is closure_receiving_commune_code, the commune a transfer
 * names (checked against the reference communes).
 */
@Injectable()
export class ClosureService {
  constructor(
    private readonly runner: CaseCommandRunner,
    private readonly query: CaseQueryService,
  ) {}

  /** The assignee (or a supervisor) asks to close the case with a reason from the code list. */
  async request(actor: Actor, caseId: string, dto: RequestClosureDto): Promise<CaseDetailDto> {
    const { kase } = await this.runner.run(actor, caseId, dto.version, {
      what: 'closure',
      command: async ({ m }) => {
        const receivingCommuneCode = dto.receivingCommuneCode;
        if (receivingCommuneCode !== undefined && !(await communeExists(m, receivingCommuneCode))) {
          throw new AppException(ErrorCode.UnknownPlace, 'Unknown commune', [
            { field: 'receivingCommuneCode', message: `unknown commune ${receivingCommuneCode}` },
          ]);
        }
        return { kind: 'requestClosure', actor: { id: actor.id, role: actor.role }, reason: dto.reason, receivingCommuneCode };
      },
      persist: async ({ m, now }) => {
        await m
          .getRepository(CaseEntity)
          .update({ id: caseId }, { closureRequestNote: dto.note, closureReceivingCommuneCode: dto.receivingCommuneCode ?? null });
        return this.note(m, now, caseId, actor, 'closure_request', dto.note);
      },
      enrich: noteOn('closure.requested'),
      // libs/referrals lists the open referrals, and refuses `resolved` while an accepted one is unsettled.
      announce: ({ state }) => ({ type: 'case.closure_requested', caseId, stage: state.stage, reason: dto.reason, actorId: actor.id }),
    });
    return this.query.load(kase.id);
  }

  /** A supervisor other than the requester closes the case. */
  async approve(actor: Actor, caseId: string, dto: DecisionCommentDto): Promise<CaseDetailDto> {
    const { kase } = await this.runner.run(actor, caseId, dto.version, {
      what: 'closure',
      command: ({ now }) => ({ kind: 'approveClosure', actor: { id: actor.id, role: actor.role }, at: now }),
      persist: ({ m, now }) => this.note(m, now, caseId, actor, 'closure_approval', dto.comment),
      enrich: noteOn('closure.approved'),
      // libs/referrals cancels the pending referrals, withdraws the accepted ones not marked to continue, and tells the partners.
      announce: ({ state, now }, kase) => ({
        type: 'case.closure_approved',
        caseId,
        caseNumber: kase.caseNumber,
        reason: state.closureRequest!.reason,
        actorId: actor.id,
        closedAt: now,
      }),
    });
    return this.query.load(kase.id);
  }

  /** A supervisor other than the requester refuses: the case carries on where it was. */
  async reject(actor: Actor, caseId: string, dto: DecisionCommentDto): Promise<CaseDetailDto> {
    const { kase } = await this.runner.run(actor, caseId, dto.version, {
      what: 'closure',
      command: () => ({ kind: 'rejectClosure', actor: { id: actor.id, role: actor.role } }),
      persist: async ({ m, now }) => {
        await m.getRepository(CaseEntity).update({ id: caseId }, { closureRequestNote: null, closureReceivingCommuneCode: null });
        return this.note(m, now, caseId, actor, 'closure_rejection', dto.comment);
      },
      enrich: noteOn('closure.rejected'),
    });
    return this.query.load(kase.id);
  }

  /** A supervisor or manager reopens a closed case: back to assessment, closure fields cleared. */
  async reopen(actor: Actor, caseId: string, dto: ReopenDto): Promise<CaseDetailDto> {
    const { kase } = await this.runner.run(actor, caseId, dto.version, {
      what: 'reopen',
      command: () => ({
        kind: 'reopen',
        actor: { id: actor.id, role: actor.role },
        reason: dto.reason,
        receivedAt: new Date(dto.receivedAt),
        channel: dto.channel,
        addedConcernTypes: dto.addedConcernTypes,
        immediateDanger: dto.immediateDanger,
      }),
      persist: async ({ m, now, kase: before }) => {
        // The new report's concern types join the case's (the first report's stay).
        const added = (dto.addedConcernTypes ?? []).filter((c) => !before.concernTypes.includes(c));
        await m
          .getRepository(CaseEntity)
          .update(
            { id: caseId },
            { closureRequestNote: null, closureReceivingCommuneCode: null, ...(added.length > 0 && { concernTypes: [...before.concernTypes, ...added] }) },
          );
        return this.note(m, now, caseId, actor, 'reopen', dto.reason);
      },
      enrich: noteOn('case.reopened'),
    });
    return this.query.load(kase.id);
  }

  private async note(m: EntityManager, now: Date, caseId: string, actor: Actor, kind: DecisionNoteKind, body: string | undefined): Promise<string | null> {
    if (body === undefined) return null;
    return addDecisionNote(m, { caseId, kind, body, authorId: actor.id, createdAt: now });
  }
}
