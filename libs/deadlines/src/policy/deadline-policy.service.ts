import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Actor, AdminAuditService } from '@haven/auth';
import { DeadlinePolicy, DeadlinePolicyOverrides, DEFAULT_DEADLINE_POLICY, resolveDeadlinePolicy } from '@haven/domain';
import { AppException, ErrorCode } from '@haven/platform';
import { PlacesService } from '@haven/reference';
import { DeadlinePolicyEntity } from './deadline-policy.entity';
import { DeadlinePolicyResponseDto, UpdateDeadlinePolicyDto } from './deadline-policy.dto';

/** A province's policy as stored: the effective policy, the overrides it was made from, and the row's version (0: no row). */
export interface DeadlinePolicySettings {
  provinceCode: string;
  policy: DeadlinePolicy;
  overrides: DeadlinePolicyOverrides;
  version: number;
  updatedAt: Date | null;
  updatedBy: string | null;
}

const toResponse = (s: DeadlinePolicySettings): DeadlinePolicyResponseDto => ({
  provinceCode: s.provinceCode,
  policy: s.policy,
  overrides: s.overrides,
  version: s.version,
  updatedAt: s.updatedAt?.toISOString() ?? null,
  updatedBy: s.updatedBy,
});

/**
 * The deadline policy of each province: the domain's defaults merged with the province's
 * overrides (the deadline_policy table). A province's admins change its overrides (no other
 * province's); every write is validated whole by the domain, guarded by the row's version, and
 * recorded in the admin audit.
 */
@Injectable()
export class DeadlinePolicyService {
  private readonly logger = new Logger(DeadlinePolicyService.name);

  constructor(
    @InjectRepository(DeadlinePolicyEntity) private readonly policies: Repository<DeadlinePolicyEntity>,
    private readonly places: PlacesService,
    private readonly audit: AdminAuditService,
  ) {}

  /**
   * The policy deadlines of the province are computed with. Pass the caller's transaction, if
   * any, to read inside it. Overrides that no longer make a valid policy (a default changed under
   * them) are ignored in favour of the defaults, with a warning in the log.
   */
  async effective(provinceCode: string, m?: EntityManager): Promise<DeadlinePolicy> {
    return (await this.settings(provinceCode, m)).policy;
  }

  /** The effective policy with its overrides and version. */
  async settings(provinceCode: string, m?: EntityManager): Promise<DeadlinePolicySettings> {
    const repo = m ? m.getRepository(DeadlinePolicyEntity) : this.policies;
    const row = await repo.findOneBy({ provinceCode });
    if (!row) return { provinceCode, policy: DEFAULT_DEADLINE_POLICY, overrides: {}, version: 0, updatedAt: null, updatedBy: null };
    const resolved = resolveDeadlinePolicy(row.policy);
    if (!resolved.ok) {
      this.logger.warn({ provinceCode, version: row.version, problems: resolved.problems }, 'stored deadline policy overrides are invalid; using the defaults');
    }
    return {
      provinceCode,
      policy: resolved.ok ? resolved.policy : DEFAULT_DEADLINE_POLICY,
      overrides: row.policy,
      version: row.version,
      updatedAt: row.updatedAt,
      updatedBy: row.updatedBy,
    };
  }

  /** GET /settings/deadline-policy: everyone reads their own province's only. */
  async get(actor: Actor, provinceCode?: string): Promise<DeadlinePolicyResponseDto> {
    if (provinceCode !== undefined && provinceCode !== actor.provinceCode) {
      throw AppException.forbidden('The deadline policy of your own province only');
    }
    const province = provinceCode ?? actor.provinceCode;
    if (provinceCode !== undefined) await this.places.assertPlaces(province, [], { province: 'provinceCode', communes: 'communeCodes' });
    return toResponse(await this.settings(province));
  }

  /**
   * PUT /settings/deadline-policy (admins): replaces the province's overrides. An invalid policy
   * answers 400 listing every field and writes nothing; a stale version answers 409.
   */
  async update(actor: Actor, dto: UpdateDeadlinePolicyDto): Promise<DeadlinePolicyResponseDto> {
    if (dto.provinceCode !== actor.provinceCode) {
      throw new AppException(ErrorCode.Forbidden, 'An administrator changes the deadline policy of its own province only', [
        { field: 'provinceCode', message: `must be ${actor.provinceCode}, your province` },
      ]);
    }
    await this.places.assertPlaces(dto.provinceCode, [], { province: 'provinceCode', communes: 'communeCodes' });
    const resolved = resolveDeadlinePolicy(dto.policy, DEFAULT_DEADLINE_POLICY, 'policy');
    if (!resolved.ok) throw AppException.validation(resolved.problems, 'The deadline policy is not valid');
    const overrides = resolved.overrides;

    const saved = await this.policies.manager.transaction(async (m) => {
      const before = await this.settings(dto.provinceCode, m);
      const written: { version: number }[] =
        dto.version === 0
          ? await m.query(
              `INSERT INTO deadline_policy (province_code, policy, version, updated_by, updated_at) VALUES ($1, $2, 1, $3, now())
               ON CONFLICT (province_code) DO NOTHING RETURNING version`,
              [dto.provinceCode, JSON.stringify(overrides), actor.id],
            )
          : ((
              await m.query(
                `UPDATE deadline_policy SET policy = $2, version = version + 1, updated_by = $3, updated_at = now()
                  WHERE province_code = $1 AND version = $4 RETURNING version`,
                [dto.provinceCode, JSON.stringify(overrides), actor.id, dto.version],
              )
            )[0] as { version: number }[]);
      if (written.length === 0) {
        const current = await m.getRepository(DeadlinePolicyEntity).findOneBy({ provinceCode: dto.provinceCode });
        throw AppException.versionConflict(current?.version ?? 0);
      }
      const after = await this.settings(dto.provinceCode, m);
      await this.audit.record(m, {
        actor,
        provinceCode: dto.provinceCode,
        targetType: 'deadline_policy',
        targetId: dto.provinceCode,
        action: 'deadline_policy.updated',
        changes: { overrides: { from: before.overrides, to: after.overrides } },
      });
      return after;
    });
    this.logger.log({ actorId: actor.id, provinceCode: dto.provinceCode, version: saved.version }, 'deadline policy changed');
    return toResponse(saved);
  }
}
