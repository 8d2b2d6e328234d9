CREATE TABLE "export_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"export_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"cause" text NOT NULL,
	"worker" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"request" jsonb,
	"response" jsonb,
	"lookup" jsonb,
	"outcome" text NOT NULL,
	"error_class" text,
	"error_message" text,
	"iom_errors" jsonb,
	"warning" text,
	"next_attempt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "export_workers" (
	"id" text PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"heartbeat_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_exports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" text NOT NULL,
	"shop_order_number" text NOT NULL,
	"payload" jsonb NOT NULL,
	"payload_hash" text NOT NULL,
	"state" text NOT NULL,
	"outcome" text,
	"hold_reason" text,
	"release_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_attempts" integer DEFAULT 0 NOT NULL,
	"next_cause" text DEFAULT 'initial' NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"location" text,
	"last_error_class" text,
	"last_error_message" text,
	"escalated_at" timestamp with time zone,
	"exported_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "export_attempts" ADD CONSTRAINT "export_attempts_export_id_order_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."order_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_exports" ADD CONSTRAINT "order_exports_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "export_attempts_export_number_key" ON "export_attempts" USING btree ("export_id","number");--> statement-breakpoint
CREATE INDEX "export_attempts_started_idx" ON "export_attempts" USING btree ("started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "order_exports_channel_number_key" ON "order_exports" USING btree ("channel_id","shop_order_number");--> statement-breakpoint
CREATE INDEX "order_exports_due_idx" ON "order_exports" USING btree ("next_attempt_at") WHERE "order_exports"."state" in ('pending', 'escalated') and "order_exports"."next_attempt_at" is not null;--> statement-breakpoint
CREATE INDEX "order_exports_leased_idx" ON "order_exports" USING btree ("lease_expires_at") WHERE "order_exports"."state" = 'in_progress';--> statement-breakpoint
CREATE INDEX "order_exports_waiting_idx" ON "order_exports" USING btree ("channel_id") WHERE "order_exports"."state" in ('held', 'waiting_for_configuration');--> statement-breakpoint
CREATE INDEX "order_exports_state_idx" ON "order_exports" USING btree ("state","outcome");