import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const DELIVERY_CHANNELS = ['email', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One notification sent (or being sent) over one channel to one target; unique per
 * (notification, channel, target). Status 'dead' is the dead-letter record: every attempt failed.
 */
@Entity('delivery')
export class DeliveryEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') notificationId: string;
  @Column('text') channel: DeliveryChannel;
  /** The e-mail address or the webhook URL: never anything about a child. */
  @Column('text') target: string;
  @Column('text') status: DeliveryStatus;
  @Column('integer') attempts: number;
  /** A short code of the last failure (e.g. "HTTP 503", "smtp EAUTH 535"), never a body or a server's free text. */
  @Column('text', { nullable: true }) lastError: string | null;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz', { nullable: true }) sentAt: Date | null;
  @Column('timestamptz', { nullable: true }) deadAt: Date | null;
}
