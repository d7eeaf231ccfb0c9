import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationData, NotificationKind } from './notification-templates';

/** One notice to one person; unique per (recipient, dedupe key). Written by NotificationsService only. */
@Entity('notification')
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') recipientId: string;
  @Column('uuid', { nullable: true }) caseId: string | null;
  @Column('text') kind: NotificationKind;
  @Column('text') dedupeKey: string;
  @Column('text') title: string;
  @Column('text') body: string;
  @Column('text', { nullable: true }) link: string | null;
  @Column('jsonb') data: NotificationData;
  @Column('timestamptz') createdAt: Date;
  @Column('timestamptz', { nullable: true }) readAt: Date | null;
}
