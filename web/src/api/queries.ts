import { QueryClient } from '@tanstack/react-query';
import type { ApiError } from './client';

// Every query and mutation fails with an ApiError (the client turns every failure into one).
declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

/**
 * The app's one query cache. Nothing retries by itself (an error shows at once, with a retry
 * button) and nothing refetches on focus: the live stream (live/live.tsx) says when data changed,
 * and invalidates the queries it concerns.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

/**
 * Every query's key, in one place: a key's first part says what the live stream invalidates
 * (`cases` on any change to a case, `notifications` and `stats` too), so related data shares a prefix.
 */
export const queryKeys = {
  /** Who is signed in, and the jurisdiction's zone and clock: kept when everything else is cleared at sign-out. */
  session: ['session'] as const,
  me: ['session', 'me'] as const,
  config: ['session', 'config'] as const,
  cases: ['cases'] as const,
  queues: ['cases', 'queue'] as const,
  queue: (filters: Record<string, unknown>) => ['cases', 'queue', filters] as const,
  case: (id: string) => ['cases', 'detail', id] as const,
  caseEvents: (id: string) => ['cases', 'detail', id, 'events'] as const,
  caseAttachments: (id: string) => ['cases', 'detail', id, 'attachments'] as const,
  /** Under the case's key, so a live change to the case fetches them again. */
  caseRouting: (id: string) => ['cases', 'detail', id, 'routing'] as const,
  caseTransfers: (id: string) => ['cases', 'detail', id, 'transfers'] as const,
  caseSameIssue: (id: string) => ['cases', 'detail', id, 'same-issue'] as const,
  caseCallbacks: (id: string) => ['cases', 'detail', id, 'callbacks'] as const,
  /** The office's call-backs due: under `cases`, so a change to any case fetches it again. */
  callbacksDue: ['cases', 'callbacks-due'] as const,
  /** A review office's queue: under `cases`, so a change to any case fetches it again. */
  reviews: (state: string) => ['cases', 'reviews', state] as const,
  recurringIssues: (filters: Record<string, unknown>) => ['reports', 'recurring-issues', filters] as const,
  caseSupervision: (id: string) => ['cases', 'detail', id, 'supervision'] as const,
  caseLeaders: (id: string) => ['cases', 'detail', id, 'leaders'] as const,
  receptionDays: (cancelled: boolean) => ['reception-days', cancelled] as const,
  personalChargeReport: ['reports', 'personal-charge'] as const,
  caseCommitments: (id: string) => ['cases', 'detail', id, 'commitments'] as const,
  catalogue: ['catalogue'] as const,
  catalogueReport: ['catalogue', 'report'] as const,
  plans: ['plans'] as const,
  plan: (id: string) => ['plans', 'version', id] as const,
  planYaml: (id: string) => ['plans', 'version', id, 'yaml'] as const,
  planChecklist: (id: string) => ['plans', 'version', id, 'checklist'] as const,
  currentPlan: ['plans', 'current'] as const,
  planList: ['plans', 'list'] as const,
  notifications: ['notifications'] as const,
  inbox: ['notifications', 'inbox'] as const,
  unread: ['notifications', 'unread'] as const,
  stats: ['stats'] as const,
  accountability: (from: string, to: string) => ['reports', 'accountability', from, to] as const,
  indicators: (from: string, to: string) => ['reports', 'indicators', from, to] as const,
  indicatorCases: (params: Record<string, string>) => ['reports', 'indicators', 'cases', params] as const,
  annualReport: (year: string) => ['reports', 'annual', year] as const,
  users: ['users'] as const,
  credentials: (userId: string, kind: 'session' | 'token') => ['users', userId, kind] as const,
  units: ['units'] as const,
  settings: ['settings'] as const,
  calendar: ['calendar'] as const,
  webhooks: ['webhooks'] as const,
  webhookDeliveries: (id: string) => ['webhooks', id, 'deliveries'] as const,
  open311Keys: ['open311', 'keys'] as const,
  responseTemplates: ['response-templates'] as const,
  totp: ['auth', 'totp'] as const,
  totpPolicy: ['auth', 'policy'] as const,
  audit: (filters: Record<string, unknown>) => ['audit', filters] as const,
};
