import BlockIcon from '@mui/icons-material/Block';
import { useState } from 'react';
import { Button, Confirm, useDelete, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { TokenRecord } from '../providers/types.ts';

/** Revokes a token after a confirmation; it stays listed as revoked. */
export function RevokeButton() {
  const record = useRecordContext<TokenRecord>();
  const [open, setOpen] = useState(false);
  const [remove, { isPending }] = useDelete<TokenRecord>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || record.revokedAt) return null;
  return (
    <>
      <Button label="app.tokens.revoke" color="error" onClick={() => setOpen(true)}>
        <BlockIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={isPending}
        title="app.tokens.revoke_title"
        titleTranslateOptions={{ name: record.name }}
        content="app.tokens.revoke_content"
        confirm="app.tokens.revoke"
        confirmColor="warning"
        onClose={() => setOpen(false)}
        onConfirm={() =>
          void remove(
            'tokens',
            { id: record.id, previousData: record },
            {
              mutationMode: 'pessimistic',
              onSuccess: () => {
                setOpen(false);
                notify('app.tokens.revoked', { type: 'info' });
                refresh();
              },
              onError: (error) => {
                setOpen(false);
                notify(error instanceof Error ? error.message : String(error), { type: 'error' });
              },
            },
          )
        }
      />
    </>
  );
}
