CREATE TABLE "ledger_balances" (
	"account_id" text NOT NULL,
	"shard" smallint NOT NULL,
	"kind" "ledger_account_kind" NOT NULL,
	"debits_posted" bigint DEFAULT 0 NOT NULL,
	"credits_posted" bigint DEFAULT 0 NOT NULL,
	"debits_pending" bigint DEFAULT 0 NOT NULL,
	"credits_pending" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_balances_account_id_shard_pk" PRIMARY KEY("account_id","shard"),
	CONSTRAINT "ledger_balances_totals_nonnegative" CHECK ("ledger_balances"."debits_posted" >= 0 and "ledger_balances"."credits_posted" >= 0 and "ledger_balances"."debits_pending" >= 0 and "ledger_balances"."credits_pending" >= 0),
	CONSTRAINT "ledger_balances_wallet_one_row" CHECK ("ledger_balances"."kind" <> 'mentor_wallet' or "ledger_balances"."shard" = 0),
	CONSTRAINT "ledger_balances_wallet_not_negative" CHECK ("ledger_balances"."kind" <> 'mentor_wallet' or "ledger_balances"."credits_posted" - "ledger_balances"."debits_posted" - "ledger_balances"."debits_pending" >= 0)
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_totals_nonnegative";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_wallet_not_negative";--> statement-breakpoint
ALTER TABLE "ledger_transfers" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ledger_balances" ADD CONSTRAINT "ledger_balances_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Existing totals become shard 0, where every existing transfer (shard 0 by default) counts.
INSERT INTO "ledger_balances" ("account_id", "shard", "kind", "debits_posted", "credits_posted", "debits_pending", "credits_pending")
SELECT "id", 0, "kind", "debits_posted", "credits_posted", "debits_pending", "credits_pending" FROM "ledger_accounts";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP COLUMN "debits_posted";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP COLUMN "credits_posted";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP COLUMN "debits_pending";--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP COLUMN "credits_pending";