import { ASSESSMENT_TYPE_LABELS, ASSESSMENT_TYPES } from './assessment-type.codes';
import { CLOSURE_REASON_LABELS, CLOSURE_REASONS } from './closure-reason.codes';
import { CodeListEntry, toCodeList } from './code-list.types';
import { CONCERN_TYPE_LABELS, CONCERN_TYPES } from './concern-type.codes';
import { CONSENT_GIVER_LABELS, CONSENT_GIVERS, CONSENT_SCOPE_LABELS, CONSENT_SCOPES } from './consent.codes';
import { INTAKE_CHANNEL_LABELS, INTAKE_CHANNELS } from './intake-channel.codes';
import { NOTE_KIND_LABELS, NOTE_KINDS, NOTE_VISIBILITIES, NOTE_VISIBILITY_LABELS } from './note.codes';
import { ORGANISATION_TYPE_LABELS, ORGANISATION_TYPES } from './organisation-type.codes';
import { PLAN_STATUS_LABELS, PLAN_STATUSES } from './plan-status.codes';
import { REFERRAL_STATUS_LABELS, REFERRAL_STATUSES, REFERRAL_URGENCIES, REFERRAL_URGENCY_LABELS } from './referral.codes';
import { RISK_LEVEL_LABELS, RISK_LEVELS } from './risk-level.codes';
import { SEPARATION_OUTCOME_LABELS, SEPARATION_OUTCOMES } from './separation-outcome.codes';
import { SERVICE_TYPE_LABELS, SERVICE_TYPES } from './service-type.codes';
import { SEX_LABELS, SEXES } from './sex.codes';
import { specialCircumstanceList } from './special-circumstance.codes';
import { STAGE_LABELS, STAGES } from './stage.codes';

function frozen(entries: CodeListEntry[]): readonly Readonly<CodeListEntry>[] {
  return Object.freeze(entries.map((entry) => Object.freeze(entry)));
}

/**
 * Every code list with its labels, keyed by the name `GET /codes` answers with, so that every
 * client shows the same words. Built once: the lists are constants.
 */
export const CODE_LISTS = Object.freeze({
  stages: frozen(toCodeList(STAGES, STAGE_LABELS)),
  concernTypes: frozen(toCodeList(CONCERN_TYPES, CONCERN_TYPE_LABELS)),
  specialCircumstances: frozen(specialCircumstanceList()),
  riskLevels: frozen(toCodeList(RISK_LEVELS, RISK_LEVEL_LABELS)),
  serviceTypes: frozen(toCodeList(SERVICE_TYPES, SERVICE_TYPE_LABELS)),
  intakeChannels: frozen(toCodeList(INTAKE_CHANNELS, INTAKE_CHANNEL_LABELS)),
  closureReasons: frozen(toCodeList(CLOSURE_REASONS, CLOSURE_REASON_LABELS)),
  assessmentTypes: frozen(toCodeList(ASSESSMENT_TYPES, ASSESSMENT_TYPE_LABELS)),
  noteKinds: frozen(toCodeList(NOTE_KINDS, NOTE_KIND_LABELS)),
  noteVisibilities: frozen(toCodeList(NOTE_VISIBILITIES, NOTE_VISIBILITY_LABELS)),
  consentScopes: frozen(toCodeList(CONSENT_SCOPES, CONSENT_SCOPE_LABELS)),
  consentGivers: frozen(toCodeList(CONSENT_GIVERS, CONSENT_GIVER_LABELS)),
  sexes: frozen(toCodeList(SEXES, SEX_LABELS)),
  planStatuses: frozen(toCodeList(PLAN_STATUSES, PLAN_STATUS_LABELS)),
  organisationTypes: frozen(toCodeList(ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS)),
  referralStatuses: frozen(toCodeList(REFERRAL_STATUSES, REFERRAL_STATUS_LABELS)),
  referralUrgencies: frozen(toCodeList(REFERRAL_URGENCIES, REFERRAL_URGENCY_LABELS)),
  separationOutcomes: frozen(toCodeList(SEPARATION_OUTCOMES, SEPARATION_OUTCOME_LABELS)),
});

export type CodeListName = keyof typeof CODE_LISTS;
