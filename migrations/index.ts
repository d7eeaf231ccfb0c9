// Every migration, in order. A new one is generated with `npm run migration:generate -- migrations/<Name>`
// and then added here; a landed migration is never edited.
import { InitialSchema1795934597591 } from './1795934597591-InitialSchema';
import { LoadReferencePlaces1795934597592 } from './1795934597592-LoadReferencePlaces';
import { CaseLifecycle1795936000000 } from './1795936000000-CaseLifecycle';
import { Referrals1795940000000 } from './1795940000000-Referrals';
import { DeadlinePolicyAndHolidays1795940100000 } from './1795940100000-DeadlinePolicyAndHolidays';
import { Notifications1795940200000 } from './1795940200000-Notifications';
import { Deadlines1795940300000 } from './1795940300000-Deadlines';
import { Reporting1795950000000 } from './1795950000000-Reporting';
import { SearchIndexes1795950100000 } from './1795950100000-SearchIndexes';
import { ResponseTimeRollup1795950200000 } from './1795950200000-ResponseTimeRollup';
import { AdminSecurity1795960000000 } from './1795960000000-AdminSecurity';
import { ChildAccessLog1795960100000 } from './1795960100000-ChildAccessLog';
import { EpisodeReceipt1795970000000 } from './1795970000000-EpisodeReceipt';
import { ClosureEndsReferrals1795970100000 } from './1795970100000-ClosureEndsReferrals';
import { CaseGuards1795970200000 } from './1795970200000-CaseGuards';

export const MIGRATIONS = [
  InitialSchema1795934597591,
  LoadReferencePlaces1795934597592,
  CaseLifecycle1795936000000,
  Referrals1795940000000,
  DeadlinePolicyAndHolidays1795940100000,
  Notifications1795940200000,
  Deadlines1795940300000,
  Reporting1795950000000,
  SearchIndexes1795950100000,
  ResponseTimeRollup1795950200000,
  AdminSecurity1795960000000,
  ChildAccessLog1795960100000,
  EpisodeReceipt1795970000000,
  ClosureEndsReferrals1795970100000,
  CaseGuards1795970200000,
];
