ALTER TABLE "courses" ADD COLUMN "outcome_facts_enc" text;--> statement-breakpoint
CREATE INDEX "courses_started_on" ON "courses" USING btree ("started_on");