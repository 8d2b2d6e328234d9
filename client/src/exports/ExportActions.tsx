import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import CheckCircleOutlineIcon from '@mui/icons-material/CheckCircleOutlineOutlined';
import EditNoteIcon from '@mui/icons-material/EditNote';
import NoteAddIcon from '@mui/icons-material/NoteAdd';
import PriorityHighIcon from '@mui/icons-material/PriorityHigh';
import ReplayIcon from '@mui/icons-material/Replay';
import { Button, Stack, Tooltip } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { AcknowledgeDialog } from './AcknowledgeDialog.tsx';
import { whyNot, type ExportAction } from './actionRules.ts';
import { EditPayloadDialog } from './EditPayloadDialog.tsx';
import { TextDialog } from './TextDialog.tsx';
import type { ExportDetail } from './types.ts';
import { useExportActions } from './useExportAction.ts';

const ICON: Record<ExportAction, ReactNode> = {
  retry: <ReplayIcon />,
  edit: <EditNoteIcon />,
  resolve: <CheckCircleOutlineIcon />,
  escalate: <PriorityHighIcon />,
  acknowledge: <AssignmentIndIcon />,
  note: <NoteAddIcon />,
};

/** Support's buttons on one export; each sends the version it was shown, so a concurrent change is caught. */
export function ExportActions({ record }: { record: ExportDetail }) {
  const translate = useTranslate();
  const m = useExportActions();
  const [open, setOpen] = useState<ExportAction | null>(null);
  const busy = Object.values(m).some((x) => x.isPending);
  const close = () => setOpen(null);
  const ref = { id: record.id, version: record.version };
  const click: Record<ExportAction, () => void> = {
    retry: () => m.retry.mutate(ref),
    edit: () => setOpen('edit'),
    resolve: () => setOpen('resolve'),
    escalate: () => setOpen('escalate'),
    acknowledge: () => setOpen('acknowledge'),
    note: () => setOpen('note'),
  };
  const button = (action: ExportAction, primary = false) => {
    const reason = whyNot(action, record.state);
    return (
      <Tooltip key={action} title={reason ?? ''}>
        <span>
          <Button
            size="small"
            variant={primary ? 'contained' : 'outlined'}
            startIcon={ICON[action]}
            disabled={busy || reason !== null}
            onClick={click[action]}
          >
            {translate(`app.exports.actions.${action}`)}
          </Button>
        </span>
      </Tooltip>
    );
  };
  const failed = record.state === 'failed' || record.state === 'escalated';
  return (
    <Stack
      direction="row"
      sx={{ gap: 1, flexWrap: 'wrap' }}
      role="group"
      aria-label={translate('app.exports.actions.label')}
    >
      {button('retry', failed && record.outcomeClass !== 'needs_fix')}
      {button('edit', failed && record.outcomeClass === 'needs_fix')}
      {button('resolve')}
      {button('escalate')}
      {record.state === 'escalated' && button('acknowledge')}
      {button('note')}
      {open === 'edit' && <EditPayloadDialog record={record} onClose={close} />}
      {open === 'resolve' && (
        <TextDialog
          title={translate('app.exports.resolve_title')}
          label={translate('app.exports.reason')}
          action={translate('app.exports.actions.resolve')}
          required
          busy={busy}
          onClose={close}
          onSubmit={(reason) => m.resolve.mutate({ ...ref, reason }, { onSettled: close })}
        />
      )}
      {open === 'escalate' && (
        <TextDialog
          title={translate('app.exports.escalate_title')}
          label={translate('app.exports.reason_optional')}
          action={translate('app.exports.actions.escalate')}
          busy={busy}
          onClose={close}
          onSubmit={(reason) =>
            m.escalate.mutate({ ...ref, reason: reason || undefined }, { onSettled: close })
          }
        />
      )}
      {open === 'acknowledge' && (
        <AcknowledgeDialog
          busy={busy}
          onClose={close}
          onSubmit={(ownerId) => m.acknowledge.mutate({ ...ref, ownerId }, { onSettled: close })}
        />
      )}
      {open === 'note' && (
        <TextDialog
          title={translate('app.exports.note_title')}
          label={translate('app.exports.note')}
          action={translate('app.exports.actions.note')}
          required
          busy={busy}
          onClose={close}
          onSubmit={(text) => m.addNote.mutate({ exportId: record.id, text }, { onSettled: close })}
        />
      )}
    </Stack>
  );
}
