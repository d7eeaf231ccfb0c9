import { Module } from '@nestjs/common';
import { AuthModule } from '@haven/auth';
import { CasesModule } from '@haven/cases';
import { DeadlinesModule } from '@haven/deadlines';
import { NotificationsModule } from '@haven/notifications';
import { AppConfigModule, ClockModule, DatabaseModule, RedisModule, TxEventsModule } from '@haven/platform';
import { ReferralsModule } from '@haven/referrals';
import { DemoCaseSeeder } from './demo/demo-case.seeder';
import { DemoOrganisationSeeder } from './demo/demo-organisation.seeder';
import { DemoReferralSeeder } from './demo/demo-referral.seeder';
import { DemoSeedService } from './demo/demo-seed.service';

/**
 * What the CLI's Nest commands need: configuration, the database, the auth
 * library's services, the case services the demo cases are walked through, and
 * the organisation and referral services the demo partners and referrals go
 * through; the operator's commands (users, the holiday calendar) and the notices a new user
 * with case access causes.
 * No HTTP server. (Redis is here only because the auth library's rate limiter
 * is built on it; nothing in the CLI uses it.)
 */
@Module({
  imports: [
    AppConfigModule,
    ClockModule,
    TxEventsModule,
    RedisModule,
    DatabaseModule,
    AuthModule,
    CasesModule,
    ReferralsModule,
    DeadlinesModule,
    NotificationsModule,
  ],
  providers: [DemoSeedService, DemoOrganisationSeeder, DemoCaseSeeder, DemoReferralSeeder],
})
export class CliModule {}
