import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { Role } from '@haven/domain';
import { PageQueryDto } from '@haven/platform';
import type { UserEntity } from './user.entity';

export class CreateUserDto {
  @ApiProperty({ example: 'nguyen.thi.lan', description: '3–64 characters: letters, digits, dot, dash, underscore' })
  @Matches(/^[a-zA-Z0-9._-]{3,64}$/, { message: 'username must be 3–64 letters, digits, dots, dashes or underscores' })
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @Length(1, 200)
  fullName: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ example: '46', description: "The administrator's own province (the default); any other answers 403" })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'provinceCode must be a two-digit code' })
  provinceCode?: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['19753'],
    description: 'Required for commune staff (supervisor, caseworker, intake officer); empty for others',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(200)
  @Matches(/^\d{5}$/, { each: true, message: 'each commune code must be five digits' })
  communeCodes?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for partner users, forbidden for others' })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiPropertyOptional({ example: 'lan@example.org' })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string;

  @ApiProperty({
    minLength: 12,
    description:
      'A temporary password: the user must choose a new one at the first sign-in. At least 12 characters, not common or guessable (zxcvbn score 3 or more), not containing the username or full name',
  })
  @IsString()
  @MaxLength(256)
  password: string;
}

export class ChangeOwnPasswordDto {
  @ApiProperty({ description: 'The password in use now' })
  @IsString()
  @Length(1, 256)
  currentPassword: string;

  @ApiProperty({ minLength: 12, description: 'At least 12 characters, not common or guessable, not containing the username or full name' })
  @IsString()
  @MaxLength(256)
  newPassword: string;
}

export class UpdateUserDto extends PartialType(PickType(CreateUserDto, ['fullName', 'role', 'communeCodes', 'organisationId', 'email', 'password'] as const)) {
  @ApiPropertyOptional({ description: 'false disables sign-in and ends every session; enabling again does not bring old sessions back' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: Role })
  @IsOptional()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ example: '46' })
  @IsOptional()
  @Matches(/^\d{2}$/)
  provinceCode?: string;

  @ApiPropertyOptional({ example: '19753' })
  @IsOptional()
  @Matches(/^\d{5}$/)
  communeCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => String)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() fullName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ example: '46' }) provinceCode: string;
  @ApiProperty({ type: [String] }) communeCodes: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organisationId: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'The password was set by an administrator and must be replaced (POST /me/password) before anything else' })
  mustChangePassword: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPageDto {
  @ApiProperty({ type: [UserResponseDto] }) items: UserResponseDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export function toUserResponse(u: UserEntity): UserResponseDto {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    role: u.role,
    provinceCode: u.provinceCode,
    communeCodes: (u.communes ?? []).map((c) => c.communeCode).sort(),
    organisationId: u.organisationId,
    email: u.email,
    active: u.active,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
