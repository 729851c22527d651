import { Type } from 'typebox';
import { Id, Nullable, Time } from './common.js';

/** What the annual report answers (GET /api/v1/reports/annual; Art. 41), shared with the web app. */

const Counts = Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() }));
const TransferFigures = Type.Object({
  made: Type.Integer(),
  accepted: Type.Integer(),
  declined: Type.Integer(),
  awaitingReply: Type.Integer(),
  repliedLate: Type.Integer(),
  reported: Type.Integer(),
  reportedLate: Type.Integer(),
  awaitingReport: Type.Integer(),
});
/** Supervision (督办 or 挂牌督办) begun in the year and how it ended (core/annual-report.ts SupervisionFigures). */
const SupervisionFigures = Type.Object({
  begun: Type.Integer(),
  feedbackGiven: Type.Integer(),
  feedbackLate: Type.Integer(),
  awaitingFeedback: Type.Integer(),
  feedbackOverdue: Type.Integer(),
  ended: Type.Integer(),
  endedWithoutFeedback: Type.Integer(),
  ongoing: Type.Integer(),
});

export const AnnualReport = Type.Object({
  year: Type.Integer(),
  from: Time,
  to: Time,
  asOf: Time,
  complete: Type.Boolean(),
  generatedAt: Time,
  minimumCases: Type.Integer(),
  received: Type.Object({ total: Type.Integer(), byChannel: Counts, byKind: Counts, byClass: Counts, byCategory: Counts, byArea: Counts }),
  accepted: Type.Object({ total: Type.Integer(), onTime: Type.Integer() }),
  notAccepted: Type.Integer(),
  concluded: Type.Object({ total: Type.Integer(), onTime: Type.Integer() }),
  reviews: Type.Object({ requested: Type.Integer(), secondRequested: Type.Integer(), answered: Type.Integer(), answeredOnTime: Type.Integer(), pending: Type.Integer() }),
  bodies: Type.Array(
    Type.Object({ unitId: Id, received: Type.Integer(), concluded: Type.Integer(), concludedOnTime: Type.Integer(), notAccepted: Type.Integer(), open: Type.Integer() }),
  ),
  transfers: Type.Object({ transfer: TransferFigures, assign: TransferFigures }),
  supervision: Type.Object({ supervised: SupervisionFigures, listed: SupervisionFigures }),
  suggestions: Type.Object({ received: Type.Integer(), adopted: Type.Integer(), partly: Type.Integer(), notAdopted: Type.Integer(), pending: Type.Integer() }),
  units: Type.Array(Type.Object({ id: Id, name: Type.String(), nameEn: Nullable(Type.String()) })),
  categories: Type.Array(Type.Object({ code: Type.String(), name: Type.Object({ zh: Type.Optional(Type.String()), en: Type.Optional(Type.String()) }) })),
  /** Figures this deployment does not record yet (e.g. `supervision`): the page says so instead of printing a zero. */
  notRecorded: Type.Array(Type.String()),
});
export const AnnualReportQuery = Type.Object(
  {
    year: Type.Optional(Type.String({ minLength: 1, maxLength: 8 })),
    lang: Type.Optional(Type.Enum(['zh', 'en'])),
  },
  { additionalProperties: false },
);
