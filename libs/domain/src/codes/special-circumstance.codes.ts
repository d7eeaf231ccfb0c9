import { CodeLabels, CodeListEntry } from './code-list.types';

/**
 * The 14 groups of children in special circumstances, Law on Children 2016 art. 10(1), keyed by
 * the law's letters. Codes are ASCII so they survive URLs and query strings; 'đ' becomes 'dd'
 * (the usual Vietnamese transliteration) and the display letter keeps the law's 'đ'.
 */
export const SPECIAL_CIRCUMSTANCES = ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o'] as const;
export type SpecialCircumstance = (typeof SPECIAL_CIRCUMSTANCES)[number];

export interface SpecialCircumstanceLabels extends CodeLabels {
  /** The letter as printed in art. 10(1). */
  letter: string;
}

/** Vietnamese labels are the law's wording of art. 10(1). */
export const SPECIAL_CIRCUMSTANCE_LABELS: Record<SpecialCircumstance, SpecialCircumstanceLabels> = {
  a: { letter: 'a', vi: 'Trẻ em mồ côi cả cha và mẹ', en: 'Orphaned of both parents' },
  b: { letter: 'b', vi: 'Trẻ em bị bỏ rơi', en: 'Abandoned' },
  c: { letter: 'c', vi: 'Trẻ em không nơi nương tựa', en: 'Without support or shelter' },
  d: { letter: 'd', vi: 'Trẻ em khuyết tật', en: 'With a disability' },
  dd: { letter: 'đ', vi: 'Trẻ em nhiễm HIV/AIDS', en: 'Living with HIV/AIDS' },
  e: { letter: 'e', vi: 'Trẻ em vi phạm pháp luật', en: 'In conflict with the law' },
  g: { letter: 'g', vi: 'Trẻ em nghiện ma túy', en: 'Drug-addicted' },
  h: {
    letter: 'h',
    vi: 'Trẻ em phải bỏ học kiếm sống chưa hoàn thành phổ cập giáo dục trung học cơ sở',
    en: 'Dropped out of school to earn a living before completing lower secondary education',
  },
  i: {
    letter: 'i',
    vi: 'Trẻ em bị tổn hại nghiêm trọng về thể chất và tinh thần do bị bạo lực',
    en: 'Seriously harmed physically and mentally by violence',
  },
  k: { letter: 'k', vi: 'Trẻ em bị bóc lột', en: 'Exploited' },
  l: { letter: 'l', vi: 'Trẻ em bị xâm hại tình dục', en: 'Sexually abused' },
  m: { letter: 'm', vi: 'Trẻ em bị mua bán', en: 'Trafficked' },
  n: {
    letter: 'n',
    vi: 'Trẻ em mắc bệnh hiểm nghèo hoặc bệnh phải điều trị dài ngày thuộc hộ nghèo hoặc hộ cận nghèo',
    en: 'Seriously or long-term ill in a poor or near-poor household',
  },
  o: {
    letter: 'o',
    vi: 'Trẻ em di cư, trẻ em lánh nạn, tị nạn chưa xác định được cha mẹ hoặc không có người chăm sóc',
    en: 'Migrant, refugee or asylum-seeking without identified parents or caregiver',
  },
};

export function specialCircumstanceList(): CodeListEntry[] {
  return SPECIAL_CIRCUMSTANCES.map((code) => ({ code, ...SPECIAL_CIRCUMSTANCE_LABELS[code] }));
}
