import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@haven/platform';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from './delivery.entity';
import type { DeliveryChannel, DeliveryEntity, DeliveryStatus } from './delivery.entity';

export class DeliveryListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: '`dead`: the dead-letter record (every try failed)' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;

  @ApiPropertyOptional({ enum: DELIVERY_CHANNELS })
  @IsOptional()
  @IsIn(DELIVERY_CHANNELS)
  channel?: DeliveryChannel;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'Also sent as X-Haven-Delivery (webhooks, e-mail header)' }) id: string;
  @ApiProperty({ format: 'uuid' }) notificationId: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel: DeliveryChannel;
  @ApiProperty({ description: 'The e-mail address or the webhook URL' }) target: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: DeliveryStatus;
  @ApiProperty({ description: 'Tries so far, the successful one included' }) attempts: number;
  @ApiProperty({ nullable: true, type: String, example: 'HTTP 503', description: 'Code of the last failure; never a body or a server’s text' })
  lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) sentAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deadAt: string | null;
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items: DeliveryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export const toDelivery = (d: DeliveryEntity): DeliveryDto => ({
  id: d.id,
  notificationId: d.notificationId,
  channel: d.channel,
  target: d.target,
  status: d.status,
  attempts: d.attempts,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  sentAt: d.sentAt ? d.sentAt.toISOString() : null,
  deadAt: d.deadAt ? d.deadAt.toISOString() : null,
});
