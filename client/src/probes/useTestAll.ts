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

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Runs Test all (one channel, or every channel): a mutation starts it on the server, then a subscription
 * (server-sent events) follows its results. Cancel, or leaving the page, asks the server to stop it.
 */
export function useTestAll(channelId?: string) {
  const [state, setState] = useState<TestAllState>(IDLE);
  const subscription = useRef<{ unsubscribe: () => void } | null>(null);
  /** The batch this page started and still follows. */
  const batch = useRef<string | null>(null);
  const refresh = useRefreshServices();
  const stop = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = null;
    batch.current = null;
  }, []);
  const cancelOnServer = useCallback(async () => {
    const batchId = batch.current;
    stop();
    if (batchId) await trpcClient.probes.cancelTestAll.mutate({ batchId });
  }, [stop]);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      void cancelOnServer().catch(() => undefined);
    };
  }, [cancelOnServer]);

  const fail = useCallback(
    (error: unknown, started: number) => {
      stop();
      setState((s) => ({
        ...s,
        status: 'failed',
        error: messageOf(error),
        totalMs: performance.now() - started,
      }));
      refresh();
    },
    [refresh, stop],
  );

  const follow = useCallback(
    (batchId: string, started: number) => {
      subscription.current = trpcClient.probes.testAllProgress.subscribe(
        { batchId },
        {
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
                status:
                  event.status === 'finished'
                    ? 'done'
                    : event.status === 'cancelled'
                      ? 'cancelled'
                      : 'failed',
                error: event.message,
                done: event.done,
                total: event.total,
                byOutcome: event.byOutcome,
                totalMs: event.totalMs,
              }));
              refresh();
            }
          },
          onError: (error) => fail(error, started),
        },
      );
    },
    [fail, refresh, stop],
  );

  const start = useCallback(() => {
    void cancelOnServer().catch(() => undefined);
    const started = performance.now();
    setState({ ...IDLE, status: 'running' });
    trpcClient.probes.startTestAll
      .mutate(channelId ? { channelId } : {})
      .then(({ batchId, total }) => {
        // Started while the page was being left: nobody would see it, so it stops.
        if (!mounted.current) return trpcClient.probes.cancelTestAll.mutate({ batchId });
        batch.current = batchId;
        setState((s) => ({ ...s, total }));
        follow(batchId, started);
      })
      .catch((error: unknown) => fail(error, started));
  }, [cancelOnServer, channelId, fail, follow]);

  const cancel = useCallback(() => {
    setState((s) => (s.status === 'running' ? { ...s, status: 'cancelled' } : s));
    cancelOnServer()
      .catch((error: unknown) => setState((s) => ({ ...s, error: messageOf(error) })))
      .finally(refresh);
  }, [cancelOnServer, refresh]);

  return { state, start, cancel };
}
