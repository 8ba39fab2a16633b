CREATE TABLE "rate_limit_counters" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" bigint NOT NULL,
	"count" bigint NOT NULL,
	"blocked_until" bigint DEFAULT 0 NOT NULL,
	"strikes" integer DEFAULT 0 NOT NULL,
	"last_strike" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_known_addresses" (
	"key" text PRIMARY KEY NOT NULL,
	"seen_at" bigint NOT NULL
);
