import { Module } from '@nestjs/common';
import { AuthModule } from '@haven/auth';
import { CasesModule } from '@haven/cases';
import { AppConfigModule, DatabaseModule, RedisModule, TxEventsModule } from '@haven/platform';
import { ReferralsModule } from '@haven/referrals';
import { DemoCaseSeeder } from './demo/demo-case.seeder';
import { DemoOrganisationSeeder } from './demo/demo-organisation.seeder';
import { DemoReferralSeeder } from './demo/demo-referral.seeder';
import { DemoSeedService } from './demo/demo-seed.service';

/**
 * What the CLI's Nest commands need: configuration, the database, the auth
 * library's services, the case services the demo cases are walked through, and
 * the organisation and referral services the demo partners and referrals go
 * through.
 * No HTTP server. (Redis is here only because the auth library's rate limiter
 * is built on it; nothing in the CLI uses it.)
 */
@Module({
  imports: [AppConfigModule, TxEventsModule, RedisModule, DatabaseModule, AuthModule, CasesModule, ReferralsModule],
  providers: [DemoSeedService, DemoOrganisationSeeder, DemoCaseSeeder, DemoReferralSeeder],
})
export class CliModule {}
