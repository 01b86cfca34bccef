ALTER TABLE "payments" ADD COLUMN "auto_capture" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Orders created before the sandbox knew automatic capture were all captured by hand; new ones default to automatic.
ALTER TABLE "sandbox_orders" ADD COLUMN "auto_capture" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sandbox_orders" ALTER COLUMN "auto_capture" SET DEFAULT true;
