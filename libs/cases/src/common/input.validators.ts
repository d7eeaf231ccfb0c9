import { applyDecorators } from '@nestjs/common';
import { Transform, TransformFnParams } from 'class-transformer';
import { IsString, Length, Matches, ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

/**
 * Clock skew tolerated by "not in the future": a phone a minute or two ahead of the server
 * must not make a visit recorded "just now" invalid.
 */
export const FUTURE_SKEW_MS = 5 * 60_000;

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

/**
 * An ISO-8601 time that has already happened (give or take FUTURE_SKEW_MS). An unparsable value
 * passes here: IsISO8601 reports it, once.
 */
export const NotInFuture = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'notInFuture',
      validator: {
        validate: (value: unknown) => {
          const at = instant(value);
          return Number.isNaN(at) || at <= Date.now() + FUTURE_SKEW_MS;
        },
        defaultMessage: () => '$property must not be in the future',
      },
    },
    options,
  );

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
