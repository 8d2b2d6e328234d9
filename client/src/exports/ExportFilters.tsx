import { useQuery } from '@tanstack/react-query';
import {
  BooleanInput,
  DateTimeInput,
  ReferenceInput,
  SelectInput,
  TextInput,
  useListContext,
} from 'react-admin';
import { EXPORT_STATES, OUTCOME_CLASS_LABEL, OUTCOME_CLASSES, STATE_LABEL } from '../../../shared/exports.ts';
import { useTRPC } from '../providers/trpc.ts';

const stateChoices = EXPORT_STATES.map((id) => ({ id, name: STATE_LABEL[id] }));
const classChoices = OUTCOME_CLASSES.map((id) => ({ id, name: OUTCOME_CLASS_LABEL[id] }));

/** IOM's error codes on current exports (of the chosen channel), with how many carry each. */
function ErrorCodeInput(props: { source: string; alwaysOn?: boolean }) {
  const trpc = useTRPC();
  const filterValues = useListContext().filterValues as Record<string, unknown>;
  const channelId = typeof filterValues.channelId === 'string' ? filterValues.channelId : undefined;
  const { data = [] } = useQuery(trpc.exports.errorCodes.queryOptions({ channelId }));
  const chosen = typeof filterValues.iomErrorCode === 'string' ? filterValues.iomErrorCode : null;
  const choices = data.map((c) => ({ id: c.code, name: `${c.code} (${c.count})` }));
  // A code from a link (the dashboard) stays choosable even when no current export carries it any more.
  if (chosen && !choices.some((c) => c.id === chosen)) choices.unshift({ id: chosen, name: chosen });
  return <SelectInput {...props} choices={choices} />;
}

export const exportFilters = [
  <ReferenceInput key="channelId" source="channelId" reference="channels" alwaysOn>
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <SelectInput key="state" source="state" choices={stateChoices} alwaysOn />,
  <TextInput key="orderNumber" source="orderNumber" alwaysOn resettable />,
  <BooleanInput key="orderNumberPrefix" source="orderNumberPrefix" alwaysOn />,
  <SelectInput key="outcomeClass" source="outcomeClass" choices={classChoices} />,
  <ErrorCodeInput key="iomErrorCode" source="iomErrorCode" />,
  <DateTimeInput key="from" source="from" />,
  <DateTimeInput key="to" source="to" />,
];
