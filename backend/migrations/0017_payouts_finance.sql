CREATE TYPE "public"."payout_method_type" AS ENUM('bank', 'upi');--> statement-breakpoint
CREATE TYPE "public"."withdrawal_source" AS ENUM('mentor', 'weekly');--> statement-breakpoint
CREATE TYPE "public"."withdrawal_status" AS ENUM('requested', 'approved', 'processing', 'processed', 'rejected', 'failed', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."reconciliation_trigger" AS ENUM('nightly', 'manual');--> statement-breakpoint
CREATE TABLE "sandbox_contacts" (
	"id" text PRIMARY KEY NOT NULL,
	"reference_id" text,
	"entity" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_fund_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"contact_id" text NOT NULL,
	"details_key" text NOT NULL,
	"entity" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_fund_accounts_details_key_unique" UNIQUE("details_key")
);
--> statement-breakpoint
CREATE TABLE "sandbox_payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"fund_account_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"status" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"reference_id" text,
	"forced_outcome" text,
	"entity" jsonb NOT NULL,
	"process_after" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_payouts_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "payout_methods" (
	"mentor_id" uuid PRIMARY KEY NOT NULL,
	"type" "payout_method_type" NOT NULL,
	"sealed" text NOT NULL,
	"key_id" text NOT NULL,
	"masked" text NOT NULL,
	"ifsc" text,
	"bank_name" text,
	"contact_id" text,
	"fund_account_id" text,
	"auto_payout" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payout_webhook_events" (
	"payout_id" text NOT NULL,
	"status" text NOT NULL,
	"event" text NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payout_webhook_events_payout_id_status_pk" PRIMARY KEY("payout_id","status")
);
--> statement-breakpoint
CREATE TABLE "withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"amount_paise" bigint NOT NULL,
	"status" "withdrawal_status" DEFAULT 'requested' NOT NULL,
	"source" "withdrawal_source" DEFAULT 'mentor' NOT NULL,
	"week" text,
	"method_type" "payout_method_type" NOT NULL,
	"method_masked" text NOT NULL,
	"fund_account_id" text,
	"payout_id" text,
	"utr" text,
	"failure_reason" text,
	"reject_reason" text,
	"decided_by" uuid,
	"requested_at" timestamp with time zone NOT NULL,
	"approved_at" timestamp with time zone,
	"processing_at" timestamp with time zone,
	"processed_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"reversed_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_error" text,
	CONSTRAINT "withdrawals_payout_id_unique" UNIQUE("payout_id"),
	CONSTRAINT "withdrawals_amount_positive" CHECK ("withdrawals"."amount_paise" > 0)
);
--> statement-breakpoint
CREATE TABLE "reconciliation_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_from" timestamp with time zone NOT NULL,
	"period_to" timestamp with time zone NOT NULL,
	"trigger" "reconciliation_trigger" NOT NULL,
	"actor_id" uuid,
	"checked" jsonb NOT NULL,
	"mismatches" jsonb NOT NULL,
	"mismatch_count" integer NOT NULL,
	"ran_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_webhooks" ADD COLUMN "target" text DEFAULT 'payments' NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_methods" ADD CONSTRAINT "payout_methods_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "withdrawals" ADD CONSTRAINT "withdrawals_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reconciliation_runs" ADD CONSTRAINT "reconciliation_runs_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sandbox_fund_accounts_contact_idx" ON "sandbox_fund_accounts" USING btree ("contact_id");--> statement-breakpoint
CREATE INDEX "sandbox_payouts_due_idx" ON "sandbox_payouts" USING btree ("process_after") WHERE "sandbox_payouts"."status" in ('queued', 'pending', 'processing');--> statement-breakpoint
CREATE INDEX "sandbox_payouts_created_idx" ON "sandbox_payouts" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "withdrawals_one_open_per_mentor" ON "withdrawals" USING btree ("mentor_id") WHERE "withdrawals"."status" in ('requested', 'approved', 'processing');--> statement-breakpoint
CREATE UNIQUE INDEX "withdrawals_one_weekly_per_week" ON "withdrawals" USING btree ("mentor_id","week") WHERE "withdrawals"."week" is not null;--> statement-breakpoint
CREATE INDEX "withdrawals_mentor_requested_idx" ON "withdrawals" USING btree ("mentor_id","requested_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "withdrawals_status_requested_idx" ON "withdrawals" USING btree ("status","requested_at");--> statement-breakpoint
CREATE INDEX "withdrawals_due_idx" ON "withdrawals" USING btree ("next_attempt_at") WHERE "withdrawals"."status" in ('approved', 'processing');--> statement-breakpoint
CREATE INDEX "withdrawals_processed_at_idx" ON "withdrawals" USING btree ("processed_at");--> statement-breakpoint
CREATE INDEX "reconciliation_runs_ran_at_idx" ON "reconciliation_runs" USING btree ("ran_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ledger_transfers_at_idx" ON "ledger_transfers" USING btree ("at");--> statement-breakpoint
CREATE VIEW "public"."ledger_movements" AS (select "id", "kind", "debit_account_id", "credit_account_id", "amount", "code", "booking_id", "external_ref", "at" from "ledger_transfers");