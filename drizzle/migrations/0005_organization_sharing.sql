CREATE TABLE "channel_service_activations" (
	"channel_id" text NOT NULL,
	"config_id" uuid NOT NULL,
	"active" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "channel_service_activations_channel_id_config_id_pk" PRIMARY KEY("channel_id","config_id")
);
--> statement-breakpoint
ALTER TABLE "service_configs" ALTER COLUMN "channel_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "organization_id" text DEFAULT 'default' NOT NULL;--> statement-breakpoint
ALTER TABLE "service_configs" ADD COLUMN "organization_id" text;--> statement-breakpoint
ALTER TABLE "service_configs" ADD COLUMN "sharing_rule" text;--> statement-breakpoint
ALTER TABLE "channel_service_activations" ADD CONSTRAINT "channel_service_activations_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_service_activations" ADD CONSTRAINT "channel_service_activations_config_id_service_configs_id_fk" FOREIGN KEY ("config_id") REFERENCES "public"."service_configs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_configs" ADD CONSTRAINT "service_configs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_configs_organization_type_live_key" ON "service_configs" USING btree ("organization_id","type") WHERE "service_configs"."deleted_at" is null;--> statement-breakpoint
ALTER TABLE "service_configs" ADD CONSTRAINT "service_configs_one_owner" CHECK (("service_configs"."channel_id" is null) <> ("service_configs"."organization_id" is null) and (("service_configs"."organization_id" is null) = ("service_configs"."sharing_rule" is null)));