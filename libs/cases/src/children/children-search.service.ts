import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '@haven/auth';
import { applyChildScope } from './child-scope';
import { ChildEntity } from './child.entity';
import type { ListChildrenQueryDto } from './children.dto';

/**
 * How likely a registered child is the child being reported, in [0, 1]:
 *
 *   score = 0.7 × nameSimilarity + 0.2 × sameDateOfBirth + 0.1 × sameCommune
 *
 * - nameSimilarity: pg_trgm similarity(haven_fold(a), haven_fold(b)), diacritics and case ignored,
 *   0..1; a candidate must reach pg_trgm's similarity threshold (0.3 by default, the `%` operator,
 *   which the trigram index serves);
 * - sameDateOfBirth (0 or 1): the same date, or within one year when either date is estimated;
 * - sameCommune (0 or 1): the same commune code.
 *
 * The name dominates because dates are often estimated or unknown at intake and families move.
 * Threshold 0.5: the same name alone (0.7) or a close misspelling (≥ 0.72) qualifies; a weaker
 * name match needs the date of birth (≥ 0.43) or both other signals (≥ 0.29).
 */
export const DUPLICATE_WEIGHTS = { name: 0.7, dateOfBirth: 0.2, commune: 0.1 } as const;
export const DUPLICATE_THRESHOLD = 0.5;
export const DUPLICATE_LIMIT = 10;

export interface DuplicateProbe {
  fullName: string;
  dateOfBirth: string | null;
  dateOfBirthEstimated: boolean;
  communeCode: string | null;
}

export interface DuplicateCandidate {
  child: ChildEntity;
  score: number;
  nameSimilarity: number;
  sameDateOfBirth: boolean;
  sameCommune: boolean;
}

const FOLDED_NAME = 'haven_fold(child.full_name)';

/** LIKE treats %, _ and \ as special; a name fragment must match them literally. */
const likeFragment = (s: string) => `%${s.replace(/[\\%_]/g, '\\$&')}%`;

const round3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * The registry's SQL: name search and duplicate candidates, both scoped in SQL. Neither logs its
 * input: names are personal data.
 */
@Injectable()
export class ChildrenSearchService {
  constructor(@InjectRepository(ChildEntity) private readonly children: Repository<ChildEntity>) {}

  /**
   * Children in scope matching the filters. `q` matches the folded name by trigram similarity
   * (typos, the `%` operator) or as a substring (short fragments like "an"); both are served by
   * the GIN trigram index on haven_fold(full_name). Best match first, then by name.
   */
  async search(actor: Actor, query: ListChildrenQueryDto): Promise<{ items: ChildEntity[]; total: number }> {
    const qb = applyChildScope(this.children.createQueryBuilder('child'), actor, 'child');
    if (query.communeCode) qb.andWhere('child.commune_code = :communeCode', { communeCode: query.communeCode });
    if (query.dateOfBirth) qb.andWhere('child.date_of_birth = :dateOfBirth', { dateOfBirth: query.dateOfBirth });
    if (query.q) {
      qb.andWhere(`(${FOLDED_NAME} % haven_fold(:q) OR ${FOLDED_NAME} LIKE haven_fold(:qLike))`, { q: query.q, qLike: likeFragment(query.q) })
        .addSelect(`similarity(${FOLDED_NAME}, haven_fold(:q))`, 'rank')
        .orderBy('rank', 'DESC');
    }
    qb.addOrderBy('child.fullName', 'ASC').addOrderBy('child.id', 'ASC');
    const [items, total] = await Promise.all([
      qb
        .clone()
        .offset((query.page - 1) * query.pageSize)
        .limit(query.pageSize)
        .getMany(),
      qb.getCount(),
    ]);
    return { items, total };
  }

  /** The best DUPLICATE_LIMIT candidates in scope scoring at least DUPLICATE_THRESHOLD (formula above). */
  async duplicates(actor: Actor, probe: DuplicateProbe): Promise<DuplicateCandidate[]> {
    const nameSimilarity = `similarity(${FOLDED_NAME}, haven_fold(:name))`;
    const sameDateOfBirth = `coalesce(child.date_of_birth = CAST(:dob AS date)
      OR ((child.date_of_birth_estimated OR :dobEstimated)
          AND child.date_of_birth BETWEEN CAST(:dob AS date) - interval '1 year' AND CAST(:dob AS date) + interval '1 year'), false)`;
    const sameCommune = 'coalesce(child.commune_code = :commune, false)';
    const score = `(${DUPLICATE_WEIGHTS.name} * ${nameSimilarity}
      + ${DUPLICATE_WEIGHTS.dateOfBirth} * CAST(${sameDateOfBirth} AS int)
      + ${DUPLICATE_WEIGHTS.commune} * CAST(${sameCommune} AS int))`;
    const qb = applyChildScope(this.children.createQueryBuilder('child'), actor, 'child')
      .andWhere(`${FOLDED_NAME} % haven_fold(:name)`)
      .andWhere(`${score} >= :threshold`)
      .addSelect(nameSimilarity, 'name_similarity')
      .addSelect(sameDateOfBirth, 'same_dob')
      .addSelect(sameCommune, 'same_commune')
      .addSelect(score, 'score')
      .setParameters({
        name: probe.fullName,
        dob: probe.dateOfBirth,
        dobEstimated: probe.dateOfBirthEstimated,
        commune: probe.communeCode,
        threshold: DUPLICATE_THRESHOLD,
      })
      .orderBy('score', 'DESC')
      .addOrderBy('name_similarity', 'DESC')
      .addOrderBy('child.fullName', 'ASC')
      .addOrderBy('child.id', 'ASC')
      .limit(DUPLICATE_LIMIT);
    const { entities, raw } = await qb.getRawAndEntities<{
      child_id: string;
      name_similarity: number;
      same_dob: boolean;
      same_commune: boolean;
      score: number;
    }>();
    const signals = new Map(raw.map((r) => [r.child_id, r]));
    return entities.map((child) => {
      const r = signals.get(child.id)!;
      return {
        child,
        score: Math.min(1, Math.max(0, round3(Number(r.score)))),
        nameSimilarity: round3(Number(r.name_similarity)),
        sameDateOfBirth: r.same_dob,
        sameCommune: r.same_commune,
      };
    });
  }
}
