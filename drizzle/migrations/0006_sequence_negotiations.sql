CREATE TABLE "sequence_negotiation_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"negotiation_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"channel_id" text,
	"largest" bigint NOT NULL,
	"entered" text NOT NULL,
	"source" text NOT NULL,
	"evidence" jsonb,
	"entered_by" text NOT NULL,
	"entered_by_id" uuid,
	"entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sequence_negotiation_parties_kind_check" CHECK ("sequence_negotiation_parties"."kind" in ('icm', 'iom', 'other'))
);
--> statement-breakpoint
CREATE TABLE "sequence_negotiations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigserial NOT NULL,
	"title" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"block_size" bigint NOT NULL,
	"block_size_source" text NOT NULL,
	"prefix" text,
	"start" bigint NOT NULL,
	"computation" jsonb NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes_id" uuid,
	"superseded_by_id" uuid,
	"superseded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"proposed_at" timestamp with time zone,
	"proposed_by" text,
	"proposed_by_id" uuid,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"approved_by_id" uuid,
	"applied_at" timestamp with time zone,
	"applied_by" text,
	"applied_note" text,
	CONSTRAINT "sequence_negotiations_state_check" CHECK ("sequence_negotiations"."state" in ('draft', 'proposed', 'approved', 'applied', 'superseded')),
	CONSTRAINT "sequence_negotiations_four_eyes" CHECK ("sequence_negotiations"."approved_by_id" is null or "sequence_negotiations"."proposed_by_id" is null or "sequence_negotiations"."approved_by_id" <> "sequence_negotiations"."proposed_by_id")
);
--> statement-breakpoint
ALTER TABLE "sequence_negotiation_parties" ADD CONSTRAINT "sequence_negotiation_parties_negotiation_id_sequence_negotiations_id_fk" FOREIGN KEY ("negotiation_id") REFERENCES "public"."sequence_negotiations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_negotiations" ADD CONSTRAINT "sequence_negotiations_supersedes_id_sequence_negotiations_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."sequence_negotiations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sequence_negotiations" ADD CONSTRAINT "sequence_negotiations_superseded_by_id_sequence_negotiations_id_fk" FOREIGN KEY ("superseded_by_id") REFERENCES "public"."sequence_negotiations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sequence_negotiation_parties_position_key" ON "sequence_negotiation_parties" USING btree ("negotiation_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "sequence_negotiations_number_key" ON "sequence_negotiations" USING btree ("number");--> statement-breakpoint
CREATE INDEX "sequence_negotiations_state_idx" ON "sequence_negotiations" USING btree ("state","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sequence_negotiations_current_key" ON "sequence_negotiations" USING btree ((true)) WHERE "sequence_negotiations"."state" in ('approved', 'applied');