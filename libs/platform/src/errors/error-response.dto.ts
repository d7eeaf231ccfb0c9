import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ErrorDetailDto {
  @ApiPropertyOptional({ example: 'password' })
  field?: string;

  @ApiProperty({ example: 'password must be longer than or equal to 10 characters' })
  message: string;
}

export class ErrorBodyDto {
  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Machine-readable error code' })
  code: string;

  @ApiProperty({ example: 'The request is not valid' })
  message: string;

  @ApiProperty({ type: [ErrorDetailDto] })
  details: ErrorDetailDto[];
}

export class ErrorResponseDto {
  @ApiProperty({ type: ErrorBodyDto })
  error: ErrorBodyDto;

  @ApiProperty({ example: '0b6c1c9e-6f3e-4c55-9a43-3f1f1f8f2a11' })
  requestId: string;
}
