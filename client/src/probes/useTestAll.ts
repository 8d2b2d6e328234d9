import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProbeOutcome } from '../../../shared/probe.ts';
import { trpcClient } from '../providers/trpc.ts';
import { useRefreshServices } from '../services/useServiceSaved.ts';

export interface LiveResult {
  channelId: string;
  type: string;
  configId: string;
  outcome: ProbeOutcome;
  message: string;
}

export interface TestAllState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  total: number;
  done: number;
  byOutcome: Partial<Record<ProbeOutcome, number>>;
  /** By "channelId/type", as the results arrive. */
  results: Record<string, LiveResult>;
  totalMs: number;
  error: string | null;
}

const IDLE: TestAllState = {
  status: 'idle',
  total: 0,
  done: 0,
  byOutcome: {},
  results: {},
  totalMs: 0,
  error: null,
};

/** Runs Test all (one channel, or every channel) over the server-sent event stream, with a way to cancel. */
export function useTestAll(channelId?: string) {
  const [state, setState] = useState<TestAllState>(IDLE);
  const subscription = useRef<{ unsubscribe: () => void } | null>(null);
  const refresh = useRefreshServices();
  const stop = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const start = useCallback(() => {
    stop();
    const started = performance.now();
    setState({ ...IDLE, status: 'running' });
    subscription.current = trpcClient.probes.testAll.subscribe(channelId ? { channelId } : {}, {
      onData: (event) => {
        if (event.kind === 'start') setState((s) => ({ ...s, total: event.total }));
        else if (event.kind === 'result') {
          setState((s) => ({
            ...s,
            done: event.done,
            total: event.total,
            byOutcome: { ...s.byOutcome, [event.outcome]: (s.byOutcome[event.outcome] ?? 0) + 1 },
            results: { ...s.results, [`${event.channelId}/${event.type}`]: event },
          }));
        } else {
          stop();
          setState((s) => ({
            ...s,
            status: 'done',
            done: event.done,
            total: event.total,
            byOutcome: event.byOutcome,
            totalMs: event.totalMs,
          }));
          refresh();
        }
      },
      onError: (error) => {
        stop();
        setState((s) => ({
          ...s,
          status: 'failed',
          error: error.message,
          totalMs: performance.now() - started,
        }));
        refresh();
      },
    });
  }, [channelId, refresh, stop]);

  const cancel = useCallback(() => {
    stop();
    setState((s) => (s.status === 'running' ? { ...s, status: 'cancelled' } : s));
    refresh();
  }, [refresh, stop]);

  return { state, start, cancel };
}
