import { useRecordContext } from 'react-admin';
import type { ChannelRecord } from '../providers/types.ts';

export const ChannelTitle = () => {
  const record = useRecordContext<ChannelRecord>();
  return <span>{record ? `${record.name} (${record.id})` : ''}</span>;
};
