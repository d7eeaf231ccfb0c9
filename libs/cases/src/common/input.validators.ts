import { applyDecorators } from '@nestjs/common';
import { Transform, TransformFnParams } from 'class-transformer';
import { IsString, Length, Matches, ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

// The bounds of times live in the platform, shared with the reports and referrals.
export {
  FILTER_INSTANT_RULE,
  FUTURE_SKEW_MS,
  IsFilterInstant,
  IsPastInstant,
  IsPlannedInstant,
  PAST_INSTANT_RULE,
  PLANNED_INSTANT_RULE,
} from '@haven/platform';

/** Text typed by people may keep its line breaks and tabs; other control characters (NUL above all) are refused. */
const NO_CONTROL_EXCEPT_LINES = /^(?:[^\p{Cc}]|[\t\n\r])*$/u;
const NO_CONTROL = /^\P{Cc}*$/u;

const nfcTrim = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.normalize('NFC').trim() : value);

const nfcCollapseEach = ({ value }: TransformFnParams): unknown =>
  Array.isArray(value) ? value.map((v: unknown) => (typeof v === 'string' ? v.normalize('NFC').replace(/\s+/g, ' ').trim() : v)) : value;

/** A multi-line free text (a note, an action's description): NFC, trimmed, 1..max characters, line breaks kept. */
export const MultilineText = (min: number, max: number) =>
  applyDecorators(
    Transform(nfcTrim),
    IsString(),
    Length(min, max, { message: `$property must be ${min}–${max} characters` }),
    Matches(NO_CONTROL_EXCEPT_LINES, { message: '$property must not contain control characters other than line breaks and tabs' }),
  );

/** Each element of a string array: NFC, whitespace collapsed, 1..max characters, no control characters. */
export const CleanTextEach = (min: number, max: number) =>
  applyDecorators(
    Transform(nfcCollapseEach),
    IsString({ each: true }),
    Length(min, max, { each: true, message: `each of $property must be ${min}–${max} characters` }),
    Matches(NO_CONTROL, { each: true, message: 'each of $property must not contain control characters' }),
  );

const instant = (value: unknown): number => (typeof value === 'string' ? Date.parse(value) : NaN);

/** An ISO-8601 time strictly after the sibling property `other` (when both are valid times). */
export const IsAfter = (other: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isAfter',
      constraints: [other],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const at = instant(value);
          const before = instant((args?.object as Record<string, unknown> | undefined)?.[other]);
          return Number.isNaN(at) || Number.isNaN(before) || at > before;
        },
        defaultMessage: () => `$property must be after ${other}`,
      },
    },
    options,
  );
