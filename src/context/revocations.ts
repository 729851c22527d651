/**
 * A nudge, inside this process, that a user's sessions or tokens have just ended, so an open live
 * stream checks its credential at once instead of at its next heartbeat. It only speeds things
 * up: the stream also checks the database before every delivery and at every heartbeat, which is
 * what holds when the change was made by another server process.
 */
type Listener = (userId: string) => void;
const listeners = new Set<Listener>();

export function endCredentials(userId: string): void {
  for (const listener of listeners) {
    try {
      listener(userId);
    } catch {
      // One closed stream must not keep the others from hearing.
    }
  }
}

export function onCredentialsEnded(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
