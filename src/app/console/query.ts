import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { consoleRequest } from './api';

export interface ConsoleQuery<T> {
  /** undefined while the first answer is on its way. */
  data: T | undefined;
  /** The refusal or connection problem of the last load. */
  error: Error | undefined;
  reload(): Promise<void>;
}

/** GETs a console path and checks the answer against its schema; `reload` asks again (after a change). */
export function useConsoleQuery<S extends z.ZodType>(path: string | undefined, schema: S): ConsoleQuery<z.output<S>> {
  const [state, setState] = useState<{ path?: string; data?: z.output<S>; error?: Error }>({});
  const reload = useCallback(async () => {
    if (!path) return;
    try {
      const data = await consoleRequest('GET', path, schema);
      setState({ path, data });
    } catch (error) {
      setState((previous) => ({
        path,
        data: previous.path === path ? previous.data : undefined,
        error: error as Error,
      }));
    }
  }, [path, schema]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const current = state.path === path;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, reload };
}
