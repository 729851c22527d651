import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './client';

export interface Resource<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again, keeping what is on screen until the answer arrives (live updates use this). */
  reload(): Promise<void>;
  /** Replaces the data with what an action answered, so the screen updates without another request. */
  set(data: T): void;
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'error', String(error));
}

/** Loads a GET resource; `null` loads nothing. Only the latest request's answer is kept. */
export function useResource<T>(path: string | null): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: path !== null });
  const latest = useRef(0);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (path === null) return;
      const id = ++latest.current;
      try {
        const data = await api<T>(path, signal ? { signal } : {});
        if (id === latest.current) setState({ data, loading: false });
      } catch (error) {
        if (signal?.aborted || id !== latest.current) return;
        setState((previous) => ({ ...previous, error: asApiError(error), loading: false }));
      }
    },
    [path],
  );

  useEffect(() => {
    const abort = new AbortController();
    setState({ loading: path !== null });
    void load(abort.signal);
    return () => abort.abort();
  }, [load, path]);

  const reload = useCallback(() => load(), [load]);
  const set = useCallback((data: T) => {
    latest.current += 1;
    setState({ data, loading: false });
  }, []);
  return { data: state.data, error: state.error, loading: state.loading, reload, set };
}
