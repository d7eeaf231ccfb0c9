import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CODE_LISTS } from '@haven/domain';
import type { CodeListEntry, CodeListName } from '@haven/domain';

export class CodeEntryDto {
  @ApiProperty({ example: 'neglect', description: 'The code the API takes and answers with' })
  code: string;

  @ApiProperty({ example: 'Bỏ mặc, sao nhãng', description: 'Vietnamese label, to show to people' })
  vi: string;

  @ApiProperty({ example: 'Neglect', description: 'English label' })
  en: string;

  @ApiPropertyOptional({ example: 'đ', description: 'Special circumstances only: the letter of Law on Children art. 10(1) (code `dd` is letter đ)' })
  letter?: string;
}

const list = (description: string) => ApiProperty({ type: [CodeEntryDto], description });

/** Every code list; `implements` makes the compiler refuse a list of CODE_LISTS missing here. */
export class CodeListsDto implements Record<CodeListName, CodeEntryDto[]> {
  @list('Case stages, in their normal order') stages: CodeEntryDto[];
  @list('What happened to the child (several per case)') concernTypes: CodeEntryDto[];
  @list('The 14 groups of children in special circumstances (Law on Children art. 10(1)), with the law’s letters') specialCircumstances: CodeEntryDto[];
  @list('Risk levels, most urgent first') riskLevels: CodeEntryDto[];
  @list('Services a plan action or a referral asks for') serviceTypes: CodeEntryDto[];
  @list('How a report reached the receiving point (Mẫu 01)') intakeChannels: CodeEntryDto[];
  @list('Why a case is closed') closureReasons: CodeEntryDto[];
  @list('Assessment types (Mẫu 02, 03, 06)') assessmentTypes: CodeEntryDto[];
  @list('Kinds of case notes') noteKinds: CodeEntryDto[];
  @list('Who may see a note') noteVisibilities: CodeEntryDto[];
  @list('What a consent covers') consentScopes: CodeEntryDto[];
  @list('Who gives consent') consentGivers: CodeEntryDto[];
  @list('Sex of a child') sexes: CodeEntryDto[];
  @list('Status of a plan version') planStatuses: CodeEntryDto[];
  @list('Kinds of partner organisations') organisationTypes: CodeEntryDto[];
  @list('Where a referral stands') referralStatuses: CodeEntryDto[];
  @list('How fast a referral must be answered') referralUrgencies: CodeEntryDto[];
  @list('How a temporary separation ended (Decree 56 art. 32(3))') separationOutcomes: CodeEntryDto[];
}

const toEntry = (e: CodeListEntry): CodeEntryDto => ({ code: e.code, vi: e.vi, en: e.en, ...(e.letter !== undefined && { letter: e.letter }) });

export function toCodeListsResponse(): CodeListsDto {
  const lists = Object.fromEntries(Object.entries(CODE_LISTS).map(([name, entries]) => [name, entries.map(toEntry)]));
  return lists as unknown as CodeListsDto;
}
