ALTER TABLE "courses" ADD COLUMN "outcome_facts_enc" text;--> statement-breakpoint
CREATE INDEX "course_sessions_per_course" ON "course_sessions" USING btree ("course_id","session_id");--> statement-breakpoint
CREATE INDEX "courses_started_on" ON "courses" USING btree ("started_on");