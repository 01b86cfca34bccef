CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."mentor_application_status" AS ENUM('draft', 'pending', 'approved', 'rejected');--> statement-breakpoint
CREATE TABLE "email_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dedupe_key" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"html" text NOT NULL,
	"text" text NOT NULL,
	"attachments" jsonb,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "email_outbox_dedupe_key_unique" UNIQUE("dedupe_key"),
	CONSTRAINT "email_outbox_attempts_nonnegative" CHECK ("email_outbox"."attempts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"action_url" text,
	"dedupe_key" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notifications_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "mentor_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"status" "mentor_application_status" DEFAULT 'draft' NOT NULL,
	"headline" text,
	"bio" text,
	"experience" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expertise" text[] DEFAULT '{}' NOT NULL,
	"session_topics" text[] DEFAULT '{}' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"linkedin_url" text,
	"price30_paise" bigint,
	"price60_paise" bigint,
	"time_zone" text,
	"rejection_reason" text,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_applications_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "mentors" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"headline" text NOT NULL,
	"bio" text NOT NULL,
	"experience" jsonb NOT NULL,
	"expertise" text[] NOT NULL,
	"session_topics" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"companies" text[] NOT NULL,
	"linkedin_url" text,
	"price30_paise" bigint NOT NULL,
	"price60_paise" bigint NOT NULL,
	"time_zone" text NOT NULL,
	"accepting_bookings" boolean DEFAULT true NOT NULL,
	"approved_at" timestamp with time zone NOT NULL,
	"rating_avg" numeric(3, 2),
	"rating_count" integer DEFAULT 0 NOT NULL,
	"sessions_completed" integer DEFAULT 0 NOT NULL,
	"sessions_cancelled_by_mentor" integer DEFAULT 0 NOT NULL,
	"distinct_students" integer DEFAULT 0 NOT NULL,
	"repeat_students" integer DEFAULT 0 NOT NULL,
	"search" "tsvector",
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentors_price30_range" CHECK ("mentors"."price30_paise" between 10000 and 10000000),
	CONSTRAINT "mentors_price60_range" CHECK ("mentors"."price60_paise" between "mentors"."price30_paise" and 10000000),
	CONSTRAINT "mentors_slug_format" CHECK ("mentors"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "mentors_rating_count_nonnegative" CHECK ("mentors"."rating_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"student_id" uuid NOT NULL,
	"booking_id" uuid,
	"rating" smallint NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	"mentor_reply" text,
	"mentor_replied_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reviews_booking_id_unique" UNIQUE("booking_id"),
	CONSTRAINT "reviews_rating_range" CHECK ("reviews"."rating" between 1 and 5),
	CONSTRAINT "reviews_text_length" CHECK (char_length("reviews"."text") <= 1000),
	CONSTRAINT "reviews_reply_length" CHECK ("reviews"."mentor_reply" is null or char_length("reviews"."mentor_reply") <= 500)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_applications" ADD CONSTRAINT "mentor_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentor_applications" ADD CONSTRAINT "mentor_applications_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_mentor_id_mentors_user_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."mentors"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_outbox_due_idx" ON "email_outbox" USING btree ("next_attempt_at") WHERE "email_outbox"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "mentor_applications_status_idx" ON "mentor_applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mentors_slug_key" ON "mentors" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "mentors_search_idx" ON "mentors" USING gin ("search");--> statement-breakpoint
CREATE INDEX "mentors_expertise_idx" ON "mentors" USING gin ("expertise");--> statement-breakpoint
CREATE INDEX "mentors_topics_idx" ON "mentors" USING gin ("session_topics");--> statement-breakpoint
CREATE INDEX "mentors_languages_idx" ON "mentors" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "mentors_companies_idx" ON "mentors" USING gin ("companies");--> statement-breakpoint
CREATE INDEX "mentors_price30_idx" ON "mentors" USING btree ("price30_paise") WHERE "mentors"."accepting_bookings";--> statement-breakpoint
CREATE INDEX "mentors_rating_idx" ON "mentors" USING btree ("rating_avg" DESC NULLS LAST,"rating_count" DESC NULLS LAST) WHERE "mentors"."accepting_bookings";--> statement-breakpoint
CREATE INDEX "mentors_sessions_idx" ON "mentors" USING btree ("sessions_completed" DESC NULLS LAST) WHERE "mentors"."accepting_bookings";--> statement-breakpoint
CREATE INDEX "reviews_mentor_created_idx" ON "reviews" USING btree ("mentor_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");