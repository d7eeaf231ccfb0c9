import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminAuditModule } from '@haven/auth';
import { CasesModule } from '@haven/cases';
import { NotificationsModule } from '@haven/notifications';
import { ReferenceModule } from '@haven/reference';
import { OrganisationEntity } from './organisations/organisation.entity';
import { OrganisationsService } from './organisations/organisations.service';
import { ClosureReferralsHandler } from './referrals/closure-referrals.handler';
import { PartnerReferralService } from './referrals/partner-referral.service';
import { ReferralEntity, ReferralUpdateEntity } from './referrals/referral.entity';
import { ReferralQueryService } from './referrals/referral-query.service';
import { ReferralService } from './referrals/referral.service';
import { ReferralViews } from './referrals/referral-views';
import { ReferralWork } from './referrals/referral-work';

/**
 * Partner organisations and referrals: owns the organisation, referral and referral_update tables;
 * reacts to a case's closure (ClosureReferralsHandler, on TxEvents).
 */
@Module({
  imports: [
    CasesModule,
    NotificationsModule,
    ReferenceModule,
    AdminAuditModule,
    TypeOrmModule.forFeature([OrganisationEntity, ReferralEntity, ReferralUpdateEntity]),
  ],
  providers: [OrganisationsService, ReferralViews, ReferralWork, ReferralQueryService, ReferralService, PartnerReferralService, ClosureReferralsHandler],
  exports: [OrganisationsService, ReferralQueryService, ReferralService, PartnerReferralService],
})
export class ReferralsModule {}
