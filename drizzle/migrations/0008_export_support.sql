CREATE TABLE "bulk_retry_items" (
	"job_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"export_id" uuid NOT NULL,
	"done" boolean DEFAULT false NOT NULL,
	CONSTRAINT "bulk_retry_items_job_id_position_pk" PRIMARY KEY("job_id","position")
);
--> statement-breakpoint
CREATE TABLE "bulk_retry_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_by_email" text NOT NULL,
	"filter" jsonb NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"total" integer NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"retried" integer DEFAULT 0 NOT NULL,
	"skipped" integer DEFAULT 0 NOT NULL,
	"skipped_reasons" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"cancel_requested_at" timestamp with time zone,
	"cancelled_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "export_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"export_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"actor_email" text,
	"from_state" text,
	"to_state" text,
	"message" text,
	"details" jsonb
);
--> statement-breakpoint
ALTER TABLE "export_attempts" ADD COLUMN "state_after" text;--> statement-breakpoint
ALTER TABLE "order_exports" ADD COLUMN "last_iom_error_code" text;--> statement-breakpoint
ALTER TABLE "order_exports" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_exports" ADD COLUMN "owner_id" uuid;--> statement-breakpoint
ALTER TABLE "order_exports" ADD COLUMN "owner_email" text;--> statement-breakpoint
ALTER TABLE "order_exports" ADD COLUMN "acknowledged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_exports" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "order_exports" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "order_exports" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "bulk_retry_items" ADD CONSTRAINT "bulk_retry_items_job_id_bulk_retry_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_retry_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_retry_items" ADD CONSTRAINT "bulk_retry_items_export_id_order_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."order_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_retry_jobs" ADD CONSTRAINT "bulk_retry_jobs_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_events" ADD CONSTRAINT "export_events_export_id_order_exports_id_fk" FOREIGN KEY ("export_id") REFERENCES "public"."order_exports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_events_export_idx" ON "export_events" USING btree ("export_id","at");--> statement-breakpoint
ALTER TABLE "order_exports" ADD CONSTRAINT "order_exports_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;