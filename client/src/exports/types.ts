import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../../../server/routers/index.ts';

type Exports = inferRouterOutputs<AppRouter>['exports'];

export type ExportListRow = Exports['list']['data'][number];
export type ExportDetail = Exports['get'];
export type TimelineEntry = Exports['timeline'][number];
export type AttemptEntry = Extract<TimelineEntry, { kind: 'attempt' }>['attempt'];
export type EventEntry = Extract<TimelineEntry, { kind: 'event' }>['event'];
export type BulkJob = Exports['bulkJob'];
export type BulkPreview = Exports['bulkPreview'];
export type ExportStats = Exports['stats'];
export type IomStatus = Exports['iomStatus'];
