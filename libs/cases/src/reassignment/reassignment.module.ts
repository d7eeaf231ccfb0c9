import { Module } from '@nestjs/common';
import { NotificationsModule } from '@haven/notifications';
import { CommuneRemovalHandler } from './commune-removal.handler';

/**
 * The cases' reaction to staff leaving a commune (TxEvents 'user.communes_removed'). Apart from
 * CasesModule because it needs the notification queue: the API imports it (users change there);
 * the CLI and the worker, which change no user, do not.
 */
@Module({
  imports: [NotificationsModule],
  providers: [CommuneRemovalHandler],
})
export class ReassignmentModule {}
