import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useNotify, useRefresh, useTranslate } from 'react-admin';
import { useTRPC } from '../providers/trpc.ts';

export const errorCode = (error: unknown) =>
  error instanceof TRPCClientError ? ((error.data as { code?: string } | undefined)?.code ?? null) : null;

export const fieldErrorsOf = (error: unknown): Record<string, string> =>
  error instanceof TRPCClientError
    ? ((error.data as { fieldErrors?: Record<string, string> | null } | undefined)?.fieldErrors ?? {})
    : {};

/**
 * What every action does after the server answered: tell the person, and fetch the export and its timeline
 * again. On CONFLICT (someone else changed the export first) the server's message names who; the page
 * refetches so the next try carries the new version.
 */
export function useAfterAction(done: string) {
  const trpc = useTRPC();
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const reload = () => {
    refresh();
    void queryClient.invalidateQueries(trpc.exports.pathFilter());
  };
  return {
    onSuccess: () => {
      notify(translate(done), { type: 'success' });
      reload();
    },
    onError: (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      notify(message, { type: errorCode(error) === 'CONFLICT' ? 'warning' : 'error', multiLine: true });
      if (errorCode(error) === 'CONFLICT') reload();
    },
  };
}

/** The actions of the export page, each with the shared success and error handling. */
export function useExportActions() {
  const trpc = useTRPC();
  return {
    retry: useMutation(trpc.exports.retry.mutationOptions(useAfterAction('app.exports.done.retry'))),
    resolve: useMutation(trpc.exports.resolve.mutationOptions(useAfterAction('app.exports.done.resolve'))),
    escalate: useMutation(trpc.exports.escalate.mutationOptions(useAfterAction('app.exports.done.escalate'))),
    acknowledge: useMutation(
      trpc.exports.acknowledge.mutationOptions(useAfterAction('app.exports.done.acknowledge')),
    ),
    addNote: useMutation(trpc.exports.addNote.mutationOptions(useAfterAction('app.exports.done.note'))),
  };
}
