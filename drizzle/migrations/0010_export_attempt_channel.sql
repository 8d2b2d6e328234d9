-- The attempt's channel, copied from its export so the dashboard's per-hour figures read the attempts alone.
ALTER TABLE "export_attempts" ADD COLUMN "channel_id" text;--> statement-breakpoint
UPDATE "export_attempts" a SET "channel_id" = e."channel_id" FROM "order_exports" e WHERE e."id" = a."export_id";--> statement-breakpoint
ALTER TABLE "export_attempts" ALTER COLUMN "channel_id" SET NOT NULL;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "export_attempts_started_channel_outcome_idx" ON "export_attempts" USING btree ("started_at","channel_id","outcome");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "export_attempts_iom_errors_started_idx" ON "export_attempts" USING btree ("started_at") WHERE "export_attempts"."iom_errors" is not null;--> statement-breakpoint
DROP INDEX IF EXISTS "export_attempts_started_idx";
