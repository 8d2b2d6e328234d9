CREATE TABLE "probe_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"config_id" uuid NOT NULL,
	"channel_id" text NOT NULL,
	"outcome" text NOT NULL,
	"message" text NOT NULL,
	"steps" jsonb NOT NULL,
	"total_ms" integer NOT NULL,
	"config_version" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"run_by" text NOT NULL,
	"trigger" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "probe_runs" ADD CONSTRAINT "probe_runs_config_id_service_configs_id_fk" FOREIGN KEY ("config_id") REFERENCES "public"."service_configs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "probe_runs" ADD CONSTRAINT "probe_runs_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "probe_runs_config_idx" ON "probe_runs" USING btree ("config_id","started_at");--> statement-breakpoint
CREATE INDEX "probe_runs_channel_idx" ON "probe_runs" USING btree ("channel_id","started_at");