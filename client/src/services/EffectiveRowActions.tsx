import CallSplitIcon from '@mui/icons-material/CallSplit';
import VisibilityIcon from '@mui/icons-material/Visibility';
import { Button, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useOrganizationPath } from '../organizations/paths.ts';
import { TestRowButton } from '../probes/TestRowButton.tsx';
import type { EffectiveEntry } from '../providers/types.ts';
import { AddServiceButton, ServiceRowActions } from './ServiceRowActions.tsx';

interface Props {
  entry: EffectiveEntry;
  channelId: string;
  organizationId: string;
  label: string;
  canEdit: boolean;
  canTest: boolean;
  isAdmin: boolean;
}

/** Only what the sharing rule lets the channel do: test what it uses, edit its own, view, override or add. */
export function EffectiveRowActions({
  entry,
  channelId,
  organizationId,
  label,
  canEdit,
  canTest,
  isAdmin,
}: Props) {
  const organizationPath = useOrganizationPath();
  const translate = useTranslate();
  const { source, configId, canOverride } = entry.effective;
  const own = source === 'local' || source === 'override' ? entry.local : null;
  const inherited = source === 'inherited' || source === 'mandatory' ? entry.inherited : null;
  return (
    <>
      {canTest && configId && <TestRowButton configId={configId} channelId={channelId} label={label} />}
      {own && <ServiceRowActions service={own} label={label} canEdit={canEdit} isAdmin={isAdmin} />}
      {inherited && (
        <Button component={Link} to={organizationPath(organizationId, 'services')} label="app.effective.view">
          <VisibilityIcon />
        </Button>
      )}
      {inherited && source === 'inherited' && canOverride && canEdit && (
        <Button
          component={Link}
          label="app.effective.override"
          title={translate('app.effective.override_help')}
          to={{
            pathname: '/services/create',
            search: `?${new URLSearchParams({ channelId, type: entry.type, from: inherited.id }).toString()}`,
          }}
        >
          <CallSplitIcon />
        </Button>
      )}
      {source === 'none' && canOverride && canEdit && (
        <AddServiceButton channelId={channelId} type={entry.type} />
      )}
    </>
  );
}
