CREATE TYPE "public"."occupancy_kind" AS ENUM('slot', 'hold', 'booking');--> statement-breakpoint
CREATE TYPE "public"."slot_status" AS ENUM('published', 'cancelled');--> statement-breakpoint
CREATE TABLE "availability_settings" (
	"mentor_id" uuid PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"session_lengths" integer[] DEFAULT '{30,60}' NOT NULL,
	"buffer_before_minutes" integer DEFAULT 0 NOT NULL,
	"buffer_after_minutes" integer DEFAULT 0 NOT NULL,
	"min_notice_minutes" integer DEFAULT 720 NOT NULL,
	"horizon_days" integer DEFAULT 28 NOT NULL,
	"slot_interval_minutes" integer DEFAULT 30 NOT NULL,
	"daily_limit" integer,
	"weekly_limit" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_buffers_range" CHECK ("availability_settings"."buffer_before_minutes" between 0 and 120 and "availability_settings"."buffer_after_minutes" between 0 and 120),
	CONSTRAINT "availability_notice_range" CHECK ("availability_settings"."min_notice_minutes" between 0 and 20160),
	CONSTRAINT "availability_horizon_range" CHECK ("availability_settings"."horizon_days" between 1 and 90),
	CONSTRAINT "availability_interval_range" CHECK ("availability_settings"."slot_interval_minutes" in (15, 30, 60)),
	CONSTRAINT "availability_limits_positive" CHECK (coalesce("availability_settings"."daily_limit", 1) > 0 and coalesce("availability_settings"."weekly_limit", 1) > 0)
);
--> statement-breakpoint
CREATE TABLE "availability_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"ranges" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "overrides_dates" CHECK ("availability_overrides"."start_date" <= "availability_overrides"."end_date")
);
--> statement-breakpoint
CREATE TABLE "occupancies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"occupied" "tstzrange" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"kind" "occupancy_kind" NOT NULL,
	"source_id" uuid NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"seats_taken" integer DEFAULT 0 NOT NULL,
	"title" text NOT NULL,
	"price_paise" bigint NOT NULL,
	"status" "slot_status" DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "slots_time_order" CHECK ("slots"."starts_at" < "slots"."ends_at"),
	CONSTRAINT "slots_capacity_range" CHECK ("slots"."capacity" between 1 and 20),
	CONSTRAINT "slots_seats_range" CHECK ("slots"."seats_taken" between 0 and "slots"."capacity"),
	CONSTRAINT "slots_price_range" CHECK ("slots"."price_paise" between 10000 and 10000000),
	CONSTRAINT "slots_title_length" CHECK (char_length("slots"."title") between 3 and 120)
);
--> statement-breakpoint
CREATE TABLE "availability_weekly_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_minute" smallint NOT NULL,
	"end_minute" smallint NOT NULL,
	CONSTRAINT "weekly_rules_weekday" CHECK ("availability_weekly_rules"."weekday" between 0 and 6),
	CONSTRAINT "weekly_rules_minutes" CHECK (0 <= "availability_weekly_rules"."start_minute" and "availability_weekly_rules"."start_minute" < "availability_weekly_rules"."end_minute" and "availability_weekly_rules"."end_minute" <= 1440)
);
--> statement-breakpoint
ALTER TABLE "availability_settings" ADD CONSTRAINT "availability_settings_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_overrides" ADD CONSTRAINT "availability_overrides_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "occupancies" ADD CONSTRAINT "occupancies_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slots" ADD CONSTRAINT "slots_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_weekly_rules" ADD CONSTRAINT "availability_weekly_rules_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "availability_overrides_mentor_idx" ON "availability_overrides" USING btree ("mentor_id","start_date");--> statement-breakpoint
CREATE INDEX "occupancies_source_idx" ON "occupancies" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "slots_mentor_start_idx" ON "slots" USING btree ("mentor_id","starts_at");--> statement-breakpoint
CREATE INDEX "availability_weekly_rules_mentor_idx" ON "availability_weekly_rules" USING btree ("mentor_id");