// Every migration, in order. A new one is generated with `npm run migration:generate -- migrations/<Name>`
// and then added here; a landed migration is never edited.
import { InitialSchema1795934597591 } from './1795934597591-InitialSchema';
import { LoadReferencePlaces1795934597592 } from './1795934597592-LoadReferencePlaces';
import { CaseLifecycle1795936000000 } from './1795936000000-CaseLifecycle';

export const MIGRATIONS = [InitialSchema1795934597591, LoadReferencePlaces1795934597592, CaseLifecycle1795936000000];
