/**
 * Every page of the staff app, as its router matches them. The server answers each of these paths
 * with the app (src/api/plugins/web.ts), so a reload or a bookmark of any page opens that page;
 * the patterns mean the same to react-router and to Fastify.
 */
export const appPages = {
  signIn: '/sign-in',
  queue: '/',
  register: '/cases/new',
  case: '/cases/:id',
  notifications: '/notifications',
  plans: '/plans',
  newPlan: '/plans/new',
  plan: '/plans/:id',
  editPlan: '/plans/:id/edit',
  dashboard: '/dashboard',
  /** The recurring-issues report (每月一题), beside the dashboard's accountability report. */
  recurringIssues: '/dashboard/recurring-issues',
  /** The reviews (复查, 复核) that went to the reader's petition office. */
  reviews: '/reviews',
  /** The office's call-backs due (回访). */
  callbacks: '/callbacks',
  /** The annual report (Art. 41), printable; `?year=` chooses the year. */
  annualReport: '/dashboard/annual-report',
  audit: '/audit',
  account: '/account',
  /** The admin section (web/src/features/admin/): `/admin` and each of its pages, e.g. `/admin/units`. */
  admin: '/admin',
  adminPage: '/admin/:page',
} as const;

/**
 * Paths the server keeps for itself: an unknown path under one of these is the server's JSON 404
 * (or the portal's own page), never the app's.
 */
export const serverPrefixes = ['/api', '/public', '/open311', '/petition', '/reports', '/health', '/assets'] as const;

/** Whether a path (without its query) belongs to the server rather than to the app. */
export function isServerPath(path: string): boolean {
  return serverPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`));
}
