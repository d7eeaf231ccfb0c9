import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, Authenticated, CurrentActor, Roles } from '@haven/auth';
import { Role } from '@haven/domain';
import {
  DeliveryListQueryDto,
  DeliveryPageDto,
  DeliveryQueryService,
  NotificationDto,
  NotificationInbox,
  NotificationListQueryDto,
  NotificationPageDto,
  ReadAllResponseDto,
} from '@haven/notifications';
import { ApiErrors } from '../openapi/api-errors.decorator';
import { UuidPipe } from '../pipes/uuid.pipe';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly inbox: NotificationInbox) {}

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'The caller’s in-app inbox',
    description:
      'Newest first; `unread=true` for unread only. Reminders and escalations of deadlines, declined referrals: each names the case number, ' +
      'the kind of deadline and links to the case — never the child. `unread` in the answer counts all unread notifications.',
  })
  @ApiErrors(400, 401)
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: NotificationListQueryDto): Promise<NotificationPageDto> {
    return this.inbox.list(actor, query);
  }

  @Post('read-all')
  @Authenticated()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark every notification of the caller read', description: '`updated`: how many were unread.' })
  @ApiErrors(401)
  @ApiOkResponse({ type: ReadAllResponseDto })
  readAll(@CurrentActor() actor: Actor): Promise<ReadAllResponseDto> {
    return this.inbox.markAllRead(actor);
  }

  @Post(':id/read')
  @Authenticated()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark one notification read', description: 'Idempotent (the first read time stays). Another person’s notification answers 404.' })
  @ApiErrors(400, 401, 404)
  @ApiOkResponse({ type: NotificationDto })
  read(@CurrentActor() actor: Actor, @Param('id', UuidPipe) id: string): Promise<NotificationDto> {
    return this.inbox.markRead(actor, id);
  }
}

const WEBHOOKS =
  'Deliveries of notifications by e-mail (SMTP_URL) and signed webhook (WEBHOOK_URL). `status=dead` is the dead-letter record: ' +
  'every one of DELIVERY_ATTEMPTS tries failed (exponential backoff from DELIVERY_BACKOFF_MS); `lastError` holds a code, never a body.\n\n' +
  '**Webhooks.** Each notification is POSTed as JSON `{id, kind, caseNumber, recipientId, link, createdAt, data}` (ids and codes, never a child’s name) with headers ' +
  '`X-Haven-Timestamp` (unix seconds of this try), `X-Haven-Signature: v1=<hex HMAC-SHA256(WEBHOOK_SECRET, "<timestamp>.<raw body>")>` and ' +
  '`X-Haven-Delivery` (this delivery’s id, the same on every retry). A receiver recomputes the HMAC over the raw body, compares in constant time, ' +
  'rejects timestamps more than 5 minutes from its clock (replays) and ignores a delivery id it has already processed. Any 2xx answer within 10 s ' +
  'is success; anything else is retried. `verifyWebhookSignature` in `@haven/notifications` does the check.';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveryQueryService) {}

  @Get()
  @Roles(Role.Admin)
  @ApiOperation({ summary: 'Notification deliveries, e.g. the dead-letter record (`status=dead`)', description: WEBHOOKS })
  @ApiErrors(400, 401, 403)
  @ApiOkResponse({ type: DeliveryPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: DeliveryListQueryDto): Promise<DeliveryPageDto> {
    return this.deliveries.list(actor, query);
  }
}
