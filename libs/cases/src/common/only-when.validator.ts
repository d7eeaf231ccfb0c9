import { ValidateBy, ValidationArguments } from 'class-validator';

/**
 * A field that only makes sense when `condition` holds on its object (stillAtRisk on a review,
 * authorityReference with an extension): sent otherwise, it is a 400 rather than being silently
 * stored or dropped.
 */
export function OnlyWhen(condition: (o: object) => boolean, message: string): PropertyDecorator {
  return ValidateBy({
    name: 'onlyWhen',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => value === undefined || (!!args && condition(args.object)),
      defaultMessage: () => message,
    },
  });
}
