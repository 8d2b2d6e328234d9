CREATE INDEX IF NOT EXISTS "order_exports_created_idx" ON "order_exports" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "order_exports_channel_created_idx" ON "order_exports" USING btree ("channel_id","created_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "order_exports_state_channel_created_idx" ON "order_exports" USING btree ("state","channel_id","created_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "order_exports_outcome_created_idx" ON "order_exports" USING btree ("outcome","created_at","id");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "order_exports_iom_error_created_idx" ON "order_exports" USING btree ("last_iom_error_code","created_at","id") WHERE "order_exports"."last_iom_error_code" is not null;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "order_exports_number_prefix_idx" ON "order_exports" USING btree ("shop_order_number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "order_exports_attempts_idx" ON "order_exports" USING btree ("attempts","id");