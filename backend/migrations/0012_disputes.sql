CREATE TABLE "disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"booking_id" uuid NOT NULL,
	"booking_code" text NOT NULL,
	"student_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"price_paise" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"refund_paise" integer,
	"note" text,
	"resolved_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	CONSTRAINT "disputes_booking_id_unique" UNIQUE("booking_id"),
	CONSTRAINT "disputes_status" CHECK ("disputes"."status" in ('open', 'resolved')),
	CONSTRAINT "disputes_resolution" CHECK (("disputes"."status" = 'resolved') = ("disputes"."outcome" is not null and "disputes"."resolved_at" is not null and "disputes"."note" is not null)),
	CONSTRAINT "disputes_refund" CHECK ("disputes"."refund_paise" is null or ("disputes"."refund_paise" > 0 and "disputes"."refund_paise" <= "disputes"."price_paise"))
);
--> statement-breakpoint
CREATE INDEX "disputes_status_created_idx" ON "disputes" USING btree ("status","created_at" DESC NULLS LAST);