/** A case changed: what live views listen for. Carries no personal data. */
export interface CaseChanged {
  caseId: string;
  type: string;
  at: string;
}

type ChangeListener = (change: CaseChanged) => void;

/**
 * Fan-out of committed case changes (server-sent events subscribe here). This one is in-process,
 * for SQLite's single server; on PostgreSQL db/change-notify.ts bridges it through LISTEN/NOTIFY.
 */
export interface ChangeFeed {
  publish(change: CaseChanged): void;
  subscribe(listener: ChangeListener): () => void;
}

export function createChangeFeed(): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  return {
    publish(change) {
      for (const listener of listeners) {
        try {
          listener(change);
        } catch {
          // A failing listener (a closed connection) must not stop the others or the command.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
