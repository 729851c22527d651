import type { Static } from 'typebox';
import type {
  CaseDetail as CaseDetailSchema,
  CaseSummary as CaseSummarySchema,
  Deadline as DeadlineSchema,
  Event as EventSchema,
} from '../../../src/contract/cases.js';
import type {
  IndicatorCases as IndicatorCasesSchema,
  IndicatorsReport as IndicatorsReportSchema,
  Report as ReportSchema,
  Stats as StatsSchema,
} from '../../../src/contract/reports.js';
import type { AnnualReport as AnnualReportSchema } from '../../../src/contract/annual-report.js';
import type { CalendarYears as CalendarYearsSchema } from '../../../src/api/routes/calendar/schemas.js';
import type { FilledTemplate as FilledTemplateSchema, ResponseTemplate as ResponseTemplateSchema } from '../../../src/contract/response-templates.js';
import type { Open311Key as Open311KeySchema, NewOpen311Key as NewOpen311KeySchema } from '../../../src/api/routes/open311/keys-schemas.js';
import type { Delivery as DeliverySchema, NewWebhook as NewWebhookSchema, Webhook as WebhookSchema } from '../../../src/api/routes/webhooks/schemas.js';
import type { Notification as NotificationSchema } from '../../../src/api/routes/notifications/schemas.js';
import type { Plan as PlanSchema, PlanChecklist as PlanChecklistSchema, PlanSummary as PlanSummarySchema } from '../../../src/api/routes/plans/schemas.js';
import type {
  CatalogueEntry as CatalogueEntrySchema,
  CatalogueReport as CatalogueReportSchema,
  RoutingProposal as RoutingProposalSchema,
  Transfer as TransferSchema,
} from '../../../src/contract/routing.js';
import type { Setting as SettingSchema } from '../../../src/api/routes/settings/schemas.js';
import type { Unit as UnitSchema } from '../../../src/api/routes/units/schemas.js';
import type { Credential as CredentialSchema, User as UserSchema } from '../../../src/api/routes/users/schemas.js';
import type {
  Pending as PendingSchema,
  TotpEnrolment as TotpEnrolmentSchema,
  TotpPolicy as TotpPolicySchema,
  TotpStatus as TotpStatusSchema,
} from '../../../src/api/routes/auth/schemas.js';
import type { SupervisionState as SupervisionStateSchema } from '../../../src/contract/supervision.js';
import type { Attachment as AttachmentSchema, AttachmentList as AttachmentListSchema } from '../../../src/contract/attachments.js';
import type { Commitment as CommitmentSchema, CommitmentsState as CommitmentsStateSchema } from '../../../src/contract/commitments.js';
import { figureNames } from '../../../src/core/accountability.js';

/** The wire shapes, derived from the server's own response schemas so they are never written twice. */
export type Deadline = Static<typeof DeadlineSchema>;
export type CaseSummary = Static<typeof CaseSummarySchema>;
export type CaseDetail = Static<typeof CaseDetailSchema>;
export type CaseEvent = Static<typeof EventSchema>;
export type Assignment = CaseDetail['assignments'][number];
/** A plan version's checklist (GET /api/v1/plans/:id/checklist), sent once per version. */
export type PlanChecklist = Static<typeof PlanChecklistSchema>;
type PlanChecklistStage = PlanChecklist['stages'][number];
/** A stage of the checklist with the case's ticks on its steps (see features/case/checklist.ts). */
export type ChecklistStage = Omit<PlanChecklistStage, 'steps'> & {
  steps: (PlanChecklistStage['steps'][number] & { doneAt: string | null; doneBy: string | null })[];
};
export type OfferedMove = CaseDetail['moves'][number];
export type Plan = Static<typeof PlanSchema>;
export type PlanSummary = Static<typeof PlanSummarySchema>;
export type PlanDocument = Plan['document'];
export type Unit = Static<typeof UnitSchema>;
export type User = Static<typeof UserSchema>;
/** What a signed-in session must do before anything else. */
export type PendingStep = Static<typeof PendingSchema>[number];
/** A session or an API token (`GET /api/v1/users/:id/{sessions|tokens}`). */
export type Credential = Static<typeof CredentialSchema>;
export type TotpEnrolment = Static<typeof TotpEnrolmentSchema>;
export type TotpPolicy = Static<typeof TotpPolicySchema>;
export type TotpStatus = Static<typeof TotpStatusSchema>;
/** `GET /api/v1/settings`: one setting in force. */
export type Setting = Static<typeof SettingSchema>;
export type LocalText = { zh?: string; en?: string };
export type CaseFlag = CaseSummary['flags'][number];
/** `GET /api/v1/notifications`: subject and text already in the reader's language. */
export type Notification = Static<typeof NotificationSchema>;
export type Webhook = Static<typeof WebhookSchema>;
export type NewWebhook = Static<typeof NewWebhookSchema>;
export type Delivery = Static<typeof DeliverySchema>;
export type CalendarYears = Static<typeof CalendarYearsSchema>;
export type Open311Key = Static<typeof Open311KeySchema>;
export type RoutingProposal = Static<typeof RoutingProposalSchema>;
export type Transfer = Static<typeof TransferSchema>;
/** `GET /api/v1/cases/:id/supervision`: the supervision under way, those ended, and what the reader may do. */
export type SupervisionState = Static<typeof SupervisionStateSchema>;
export type Supervision = NonNullable<SupervisionState['current']>;
/** The commitments ledger (承诺事项) of a case, and one commitment. */
export type CommitmentsState = Static<typeof CommitmentsStateSchema>;
export type Commitment = Static<typeof CommitmentSchema>;
export type CatalogueEntry = Static<typeof CatalogueEntrySchema>;
export type CatalogueReport = Static<typeof CatalogueReportSchema>;
export type ResponseTemplate = Static<typeof ResponseTemplateSchema>;
export type FilledTemplate = Static<typeof FilledTemplateSchema>;
export type NewOpen311Key = Static<typeof NewOpen311KeySchema>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ClientConfig {
  timeZone: string;
  now: string;
}

/** `GET /api/v1/stats`. */
export type Stats = Static<typeof StatsSchema>;

/** The report's figures, in the server's own order. */
export const accountabilityFigures = figureNames;
export type AccountabilityFigure = (typeof accountabilityFigures)[number];

export { accountabilityDurations, type AccountabilityDuration } from '../../../src/contract/reports.js';

/** `GET /api/v1/reports/accountability?from=&to=`. */
export type AccountabilityReport = Static<typeof ReportSchema>;
/** The annual report (Art. 41) as GET /api/v1/reports/annual answers it. */
export type AnnualReport = Static<typeof AnnualReportSchema>;

/** `GET /api/v1/reports/indicators?from=&to=` and the cases behind one figure (`…/indicators/cases`). */
export type IndicatorsReport = Static<typeof IndicatorsReportSchema>;
export type IndicatorCases = Static<typeof IndicatorCasesSchema>;
export { indicatorNames, type IndicatorName, type IndicatorPart } from '../../../src/core/indicators.js';

/** A file on a case as staff see it, and the list of a case's files with the limits and what the reader may do. */
export type Attachment = Static<typeof AttachmentSchema>;
export type AttachmentList = Static<typeof AttachmentListSchema>;
