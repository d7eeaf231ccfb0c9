import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
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

/** A list counts at most this many matches; beyond, its total is this and a lower bound. */
export const SEARCH_TOTAL_CAP = 1000;

/**
 * Similarity thresholds a name search tries before pg_trgm's own (0.3), strongest first. The
 * matches of a stronger threshold rank before every other match, so when they fill the requested
 * page, that page is exactly the page of the full search. Vietnamese names share few family and
 * middle names: among 850,000 children, 300,000 are 0.3 similar to "nguyen vn an", and ranking
 * them takes seconds, while 1,200 are 0.7 similar and the index finds far fewer candidates.
 */
export const SEARCH_STRONG_THRESHOLDS = [0.7, 0.6] as const;

export interface SearchPage {
  items: ChildEntity[];
  /** Matches, counted up to SEARCH_TOTAL_CAP. */
  total: number;
  /** There are more than SEARCH_TOTAL_CAP matches: `total` is a lower bound. */
  totalIsLowerBound: boolean;
}

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

const totalOf = (matches: number) => ({ total: Math.min(matches, SEARCH_TOTAL_CAP), totalIsLowerBound: matches > SEARCH_TOTAL_CAP });

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
   *
   * The total counts at most SEARCH_TOTAL_CAP matches. With `q`, the page is looked for among the
   * strong matches first (SEARCH_STRONG_THRESHOLDS), in one read-only transaction whose
   * `SET LOCAL`s end with it, so a pooled connection never keeps them.
   */
  async search(actor: Actor, query: ListChildrenQueryDto): Promise<SearchPage> {
    const offset = (query.page - 1) * query.pageSize;
    if (!query.q) {
      const [items, matches] = await Promise.all([
        this.filtered(actor, query).orderBy('child.fullName', 'ASC').addOrderBy('child.id', 'ASC').offset(offset).limit(query.pageSize).getMany(),
        this.countUpTo(this.children.manager, this.filtered(actor, query)),
      ]);
      return { items, ...totalOf(matches) };
    }
    const q = query.q;
    return this.children.manager.transaction('REPEATABLE READ', async (m) => {
      // JIT compiling these plans (their row estimates are huge) costs more than running them.
      await m.query('SET TRANSACTION READ ONLY; SET LOCAL jit = off');
      const similar = `${FOLDED_NAME} % haven_fold(:q)`;
      for (const threshold of SEARCH_STRONG_THRESHOLDS) {
        await m.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(threshold)]);
        const strong = await this.ranked(m, this.filtered(actor, query).andWhere(similar, { q }), q, offset, query.pageSize);
        if (strong.matches < offset + query.pageSize) continue;
        const items = await this.byIds(m, strong.ids);
        if (strong.matches > SEARCH_TOTAL_CAP) return { items, ...totalOf(strong.matches) };
        await m.query('SET LOCAL pg_trgm.similarity_threshold TO DEFAULT');
        return { items, ...totalOf(await this.countUpTo(m, this.matching(actor, query, q))) };
      }
      await m.query('SET LOCAL pg_trgm.similarity_threshold TO DEFAULT');
      const all = await this.ranked(m, this.matching(actor, query, q), q, offset, query.pageSize);
      return { items: await this.byIds(m, all.ids), ...totalOf(all.matches) };
    });
  }

  /** In scope and matching the filters other than `q`. */
  private filtered(actor: Actor, query: ListChildrenQueryDto): SelectQueryBuilder<ChildEntity> {
    const qb = applyChildScope(this.children.createQueryBuilder('child'), actor, 'child');
    if (query.communeCode) qb.andWhere('child.commune_code = :communeCode', { communeCode: query.communeCode });
    if (query.dateOfBirth) qb.andWhere('child.date_of_birth = :dateOfBirth', { dateOfBirth: query.dateOfBirth });
    return qb;
  }

  /** Every match of the search: similar at the session's threshold, or containing `q`. */
  private matching(actor: Actor, query: ListChildrenQueryDto, q: string): SelectQueryBuilder<ChildEntity> {
    return this.filtered(actor, query).andWhere(`(${FOLDED_NAME} % haven_fold(:q) OR ${FOLDED_NAME} LIKE haven_fold(:qLike))`, {
      q,
      qLike: likeFragment(q),
    });
  }

  /**
   * The ids of one page of `qb`'s children, best match first, then by name, and how many match,
   * counted up to the page's end or SEARCH_TOTAL_CAP + 1, whichever is further.
   */
  private async ranked(
    m: EntityManager,
    qb: SelectQueryBuilder<ChildEntity>,
    q: string,
    offset: number,
    pageSize: number,
  ): Promise<{ ids: string[]; matches: number }> {
    const [sql, params] = qb
      .select('child.id', 'id')
      .addSelect('child.full_name', 'full_name')
      .addSelect(`similarity(${FOLDED_NAME}, haven_fold(:q))`, 'rank')
      .setParameter('q', q)
      .orderBy('rank', 'DESC')
      .addOrderBy('child.full_name', 'ASC')
      .addOrderBy('child.id', 'ASC')
      .limit(Math.max(offset + pageSize, SEARCH_TOTAL_CAP + 1))
      .getQueryAndParameters();
    const [row]: { matches: number; ids: string[] }[] = await m.query(
      `WITH ranked AS (${sql})
       SELECT (SELECT count(*) FROM ranked)::int AS matches,
              ARRAY(SELECT id::text FROM ranked ORDER BY rank DESC, full_name, id OFFSET $${params.length + 1} LIMIT $${params.length + 2}) AS ids`,
      [...params, offset, pageSize],
    );
    return row;
  }

  /** How many children `qb` selects, counted up to SEARCH_TOTAL_CAP + 1. */
  private async countUpTo(m: EntityManager, qb: SelectQueryBuilder<ChildEntity>): Promise<number> {
    const [sql, params] = qb
      .select('1')
      .limit(SEARCH_TOTAL_CAP + 1)
      .getQueryAndParameters();
    const [row]: { matches: number }[] = await m.query(`SELECT count(*)::int AS matches FROM (${sql}) capped`, params);
    return row.matches;
  }

  /** The children of `ids`, in that order. */
  private async byIds(m: EntityManager, ids: string[]): Promise<ChildEntity[]> {
    if (ids.length === 0) return [];
    const found = new Map((await m.getRepository(ChildEntity).findBy({ id: In(ids) })).map((c) => [c.id, c]));
    return ids.flatMap((id) => found.get(id) ?? []);
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
