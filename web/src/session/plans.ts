import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Plan, PlanSummary } from '../api/types';

// Published versions never change, so each is fetched once per page load.
const published = new Map<string, Promise<Plan>>();

export function fetchPlan(id: string): Promise<Plan> {
  const cached = published.get(id);
  if (cached) return cached;
  const loading = api<Plan>(`/api/v1/plans/${encodeURIComponent(id)}`);
  loading.then(
    (plan) => (plan.status === 'published' ? undefined : published.delete(id)),
    () => published.delete(id),
  );
  published.set(id, loading);
  return loading;
}

/** The version new cases open under: the most recently published one. */
export function currentPlanSummary(items: PlanSummary[]): PlanSummary | undefined {
  return items
    .filter((item) => item.status === 'published')
    .sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || b.version - a.version)[0];
}

let current: Promise<Plan | undefined> | null = null;

export function fetchCurrentPlan(): Promise<Plan | undefined> {
  current ??= api<{ items: PlanSummary[] }>('/api/v1/plans').then(({ items }) => {
    const summary = currentPlanSummary(items);
    return summary ? fetchPlan(summary.id) : undefined;
  });
  current.catch(() => {
    current = null;
  });
  return current;
}

/** Forget the current plan after publishing, so the next registration uses the new one. */
export function forgetCurrentPlan(): void {
  current = null;
}

/** One plan version, once loaded (a case's pinned plan). */
export function usePlan(id: string): Plan | undefined {
  const [plan, setPlan] = useState<Plan>();
  useEffect(() => {
    let cancelled = false;
    fetchPlan(id).then(
      (loaded) => !cancelled && setPlan(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [id]);
  return plan;
}

/** The current published plan (for categories), once loaded. */
export function useCurrentPlan(): Plan | undefined {
  const [plan, setPlan] = useState<Plan>();
  useEffect(() => {
    let cancelled = false;
    fetchCurrentPlan().then(
      (loaded) => !cancelled && setPlan(loaded),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return plan;
}
