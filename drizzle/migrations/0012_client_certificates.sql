ALTER TABLE "service_configs" ADD COLUMN "client_certificate_encrypted" text;--> statement-breakpoint
ALTER TABLE "service_configs" ADD COLUMN "client_certificate_subject" text;--> statement-breakpoint
ALTER TABLE "service_configs" ADD COLUMN "client_certificate_expires_at" timestamp with time zone;