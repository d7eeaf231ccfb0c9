import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { UserResponseDto } from '../users/users.dto';

export class LoginDto {
  @ApiProperty({ example: 'demo-admin' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'Song-Huong-mua-thu-46' })
  @IsString()
  @Length(1, 256)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh' })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'Optional: the refresh token of the sign-in to end, if not the one of the access token used' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  refreshToken?: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 }) expiresIn: number;
}

export class LoginResponseDto extends TokenPairDto {
  @ApiProperty({ type: UserResponseDto }) user: UserResponseDto;
}
