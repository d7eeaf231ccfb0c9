import {
  CLOSURE_REASONS,
  CONCERN_TYPES,
  ClosureReason,
  ConcernType,
  INTAKE_CHANNELS,
  IntakeChannel,
  OrganisationType,
  ServiceType,
  SPECIAL_CIRCUMSTANCES,
} from '../../../libs/domain/src/codes';

/**
 * What the generated rows are made of. Every code comes from the domain's own lists (checked
 * below), so a renamed code breaks the bench at start-up rather than producing rows the API
 * would refuse. Names are invented from common Vietnamese name parts: with ~850k children many
 * full names repeat, as they do in a real province, which is what name search has to cope with.
 */

/** A weighted choice: items with relative weights. */
export interface Weighted<T extends string = string> {
  items: T[];
  weights: number[];
}

export function weighted<T extends string>(entries: readonly (readonly [T, number])[]): Weighted<T> {
  return { items: entries.map(([v]) => v), weights: entries.map(([, w]) => w) };
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * SQL picking from a list with a uniform draw `u` in [0, 1): a weighted list through
 * width_bucket over its cumulative weights, a plain list by position. Both lists are inlined as
 * constants, so picking costs one array subscript per row.
 */
export function sqlPick(list: Weighted | readonly string[], u: string): string {
  if ('items' in list) {
    const total = list.weights.reduce((a, b) => a + b, 0);
    let acc = 0;
    const lower = list.weights.map((w) => {
      const bound = acc / total;
      acc += w;
      return bound;
    });
    return `(ARRAY[${list.items.map(literal).join(',')}]::text[])[width_bucket(${u}, ARRAY[${lower.join(',')}]::float8[])]`;
  }
  return `(ARRAY[${list.map(literal).join(',')}]::text[])[1 + floor((${u}) * ${list.length})::int]`;
}

/** A JavaScript pick from a weighted list. */
export function pickWeighted<T extends string>(list: Weighted<T>): T {
  const total = list.weights.reduce((a, b) => a + b, 0);
  let r = Math.random() * total;
  for (let i = 0; i < list.items.length; i++) {
    r -= list.weights[i];
    if (r < 0) return list.items[i];
  }
  return list.items[list.items.length - 1];
}

function checked<T extends string>(list: readonly T[], all: readonly string[], what: string): readonly T[] {
  for (const v of list) if (!all.includes(v)) throw new Error(`bench vocabulary: ${v} is not a ${what} code`);
  return list;
}

export const FAMILY_NAMES = weighted([
  ['Nguyễn', 380],
  ['Trần', 110],
  ['Lê', 95],
  ['Phạm', 70],
  ['Hoàng', 30],
  ['Huỳnh', 20],
  ['Phan', 45],
  ['Vũ', 20],
  ['Võ', 25],
  ['Đặng', 20],
  ['Bùi', 20],
  ['Đỗ', 14],
  ['Hồ', 13],
  ['Ngô', 13],
  ['Dương', 10],
  ['Lý', 5],
  ['Tôn Nữ', 4],
  ['Trương', 6],
]);

export const MIDDLE_FEMALE = weighted([
  ['Thị', 450],
  ['Ngọc', 80],
  ['Thu', 60],
  ['Thanh', 60],
  ['Bảo', 50],
  ['Minh', 50],
  ['Khánh', 40],
  ['Phương', 40],
  ['Hoài', 30],
  ['Diệu', 30],
  ['Kim', 40],
  ['Mỹ', 30],
  ['Tường', 20],
  ['Quỳnh', 20],
]);

export const MIDDLE_MALE = weighted([
  ['Văn', 380],
  ['Đức', 80],
  ['Minh', 80],
  ['Quang', 60],
  ['Hữu', 60],
  ['Gia', 50],
  ['Anh', 40],
  ['Thành', 50],
  ['Công', 40],
  ['Ngọc', 30],
  ['Xuân', 40],
  ['Nhật', 30],
  ['Bảo', 30],
  ['Trọng', 30],
]);

export const GIVEN_FEMALE = [
  'An', 'Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Huệ', 'Hương', 'Lan', 'Liên', 'Linh',
  'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhi', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Quỳnh', 'Tâm', 'Thảo', 'Thu',
  'Thủy', 'Trang', 'Trâm', 'Trinh', 'Tuyết', 'Uyên', 'Vân', 'Vy', 'Xuân', 'Yến', 'Diệp', 'Khuê', 'Ly', 'Ánh', 'Duyên',
]; // prettier-ignore

export const GIVEN_MALE = [
  'An', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Duy', 'Đạt', 'Đông', 'Hải', 'Hào', 'Hiếu', 'Hòa', 'Hoàng', 'Hùng', 'Huy', 'Khang',
  'Khánh', 'Khoa', 'Kiên', 'Lâm', 'Long', 'Lộc', 'Minh', 'Nam', 'Nghĩa', 'Nhân', 'Phát', 'Phong', 'Phúc', 'Quân', 'Quang',
  'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thịnh', 'Tiến', 'Toàn', 'Trung', 'Tuấn', 'Tùng', 'Việt', 'Vinh', 'Vũ', 'Khôi',
]; // prettier-ignore

export const ETHNICITIES = weighted([
  ['Kinh', 940],
  ['Tà Ôi', 25],
  ['Cơ Tu', 15],
  ['Bru - Vân Kiều', 10],
  ['Hoa', 10],
]);

export const CAREGIVER_RELATIONSHIPS = weighted([
  ['mother', 450],
  ['father', 250],
  ['grandmother', 150],
  ['grandfather', 50],
  ['aunt', 50],
  ['uncle', 30],
  ['foster parent', 20],
]);

export const REPORTER_RELATIONSHIPS = weighted([
  ['neighbour', 300],
  ['teacher', 200],
  ['relative', 200],
  ['health worker', 100],
  ['police officer', 80],
  ['the child', 40],
  ['other', 80],
]);

export const SEXES = weighted([
  ['female', 485],
  ['male', 490],
  ['unknown', 25],
]);

export const CONCERNS = weighted(
  checked<ConcernType>(CONCERN_TYPES, CONCERN_TYPES, 'concern type').map((c) => [
    c,
    (
      {
        neglect: 250,
        physical_violence: 200,
        emotional_abuse: 120,
        sexual_abuse: 100,
        abandonment: 60,
        labour_exploitation: 50,
        sexual_exploitation: 30,
        trafficking: 10,
        injury_accident: 100,
        other: 80,
      } as Record<ConcernType, number>
    )[c],
  ]),
);

export const CHANNELS = weighted(
  checked<IntakeChannel>(INTAKE_CHANNELS, INTAKE_CHANNELS, 'intake channel').map((c) => [
    c,
    (
      {
        hotline_111: 300,
        phone: 150,
        walk_in: 100,
        police: 100,
        school: 120,
        health_facility: 80,
        community: 100,
        online: 30,
        other: 20,
      } as Record<IntakeChannel, number>
    )[c],
  ]),
);

/** Law on Children art. 10(1) letters (đ is `dd`): most children in no group, a few in one or two. */
export const SPECIAL_CIRCUMSTANCE_CODES = checked(SPECIAL_CIRCUMSTANCES, SPECIAL_CIRCUMSTANCES, 'special circumstance');

const closureReasons = (weights: Partial<Record<ClosureReason, number>>) =>
  weighted(checked(Object.keys(weights) as ClosureReason[], CLOSURE_REASONS, 'closure reason').map((r) => [r, weights[r]!]));

/** Closed after a review ('resolved' is only allowed from review). */
export const CLOSURE_AFTER_REVIEW = closureReasons({ resolved: 700, aged_out: 80, transferred: 80, family_refused: 60, other: 70, child_died: 10 });
/** Closed before any plan: mostly reports that did not hold up. */
export const CLOSURE_EARLY = closureReasons({ unfounded: 450, duplicate: 200, transferred: 200, family_refused: 100, other: 50 });
/** Closed during planning or intervention. */
export const CLOSURE_MIDWAY = closureReasons({ transferred: 300, family_refused: 250, aged_out: 150, unfounded: 150, other: 140, child_died: 10 });

export interface BenchOrganisation {
  name: string;
  type: OrganisationType;
  services: ServiceType[];
}

/** ~20 partner organisations of Huế (invented), every service type offered by at least one. */
export const ORGANISATIONS: BenchOrganisation[] = [
  { name: 'Trung tâm Trợ giúp pháp lý Huế (bench)', type: 'legal_aid', services: ['legal_aid'] },
  { name: 'Văn phòng Luật sư Sông Hương (bench)', type: 'legal_aid', services: ['legal_aid'] },
  { name: 'Trung tâm Tư vấn tâm lý Hướng Dương (bench)', type: 'counselling', services: ['psychological'] },
  { name: 'Phòng tham vấn học đường Thuận Hóa (bench)', type: 'counselling', services: ['psychological', 'education'] },
  { name: 'Trung tâm Công tác xã hội Huế (bench)', type: 'social_assistance', services: ['social_assistance', 'alternative_care'] },
  { name: 'Quỹ Bảo trợ trẻ em Huế (bench)', type: 'social_assistance', services: ['social_assistance'] },
  { name: 'Bệnh viện Nhi Huế (bench)', type: 'health', services: ['health_care'] },
  { name: 'Trung tâm Y tế Phú Vang (bench)', type: 'health', services: ['health_care'] },
  { name: 'Phòng khám Nhi An Khang (bench)', type: 'health', services: ['health_care', 'psychological'] },
  { name: 'Trường THCS Hoa Phượng (bench)', type: 'school', services: ['education'] },
  { name: 'Trường Tiểu học Kim Long (bench)', type: 'school', services: ['education'] },
  { name: 'Trường Trung cấp nghề Sông Hương (bench)', type: 'school', services: ['vocational'] },
  { name: 'Công an thành phố Huế, tổ bảo vệ trẻ em (bench)', type: 'police', services: ['police_justice'] },
  { name: 'Công an Phong Điền (bench)', type: 'police', services: ['police_justice'] },
  { name: 'Nhà tạm lánh Bình Yên (bench)', type: 'shelter', services: ['emergency_shelter'] },
  { name: 'Làng trẻ Bình Minh Huế (bench)', type: 'shelter', services: ['alternative_care', 'emergency_shelter'] },
  { name: 'Hội Liên hiệp Phụ nữ Huế (bench)', type: 'other', services: ['social_assistance', 'other'] },
  { name: 'Đoàn Thanh niên Huế (bench)', type: 'other', services: ['other', 'education'] },
  { name: 'Câu lạc bộ Kỹ năng sống Tuổi Xanh (bench)', type: 'other', services: ['other'] },
  { name: 'Trung tâm Dạy nghề Hương Trà (bench)', type: 'school', services: ['vocational'] },
];

/** The common password of every bench user (it meets the password policy). */
export const BENCH_PASSWORD = process.env.BENCH_PASSWORD ?? 'Haven-bench-2026';

export const CASEWORKERS_PER_COMMUNE = 5;
export const INTAKE_OFFICERS = 4;
