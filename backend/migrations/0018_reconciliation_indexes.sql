CREATE INDEX "ledger_transfers_external_ref_idx" ON "ledger_transfers" USING btree ("external_ref") WHERE "ledger_transfers"."external_ref" is not null;--> statement-breakpoint
CREATE INDEX "payments_created_idx" ON "payments" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "refunds_created_idx" ON "refunds" USING btree ("created_at");