// Child process: the floor for the course page — a bare node:http server doing the page's own data
// work (listCourseTimeline: the reads, decryption, outcome under the current rule set and the
// course.view audit write) and writing the timeline as one HTML table by string concatenation,
// without Next, React or the session check. GET /?course=ID. Prints its URL when listening.
import http from "node:http";
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { listCourseTimeline } from "@/lib/course-records";

loadKeyMaterial(getConfig());
const reviewer = { userId: "bench-floor", email: "floor@clinic.example", ipAddress: "127.0.0.1" };
const esc = (s: unknown) => String(s).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const server = http.createServer(async (req, res) => {
  const courseId = new URL(req.url ?? "/", "http://x").searchParams.get("course") ?? "";
  try {
    const t = await listCourseTimeline(courseId, reviewer);
    const rows = t.entries.map((e) =>
      e.kind === "session"
        ? `<tr><td>${esc(e.date)}</td><td>session</td><td>${esc(e.current.record.dose_mg)} mg (${esc(e.current.mgPerKg)} mg/kg); ${esc(e.current.record.bp_pre_systolic)}/${esc(e.current.record.bp_pre_diastolic)}</td><td>${e.current.flags.map((f) => esc(f.title)).join("; ")}</td></tr>`
        : `<tr><td>${esc(e.submittedAt)}</td><td>check-in</td><td>PHQ-9 ${esc(e.phq9.total)}</td><td>${e.flags.map((f) => esc(f.title)).join("; ")}</td></tr>`,
    );
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Course</title><h1>Course</h1><p>Outcome ${esc(t.assessment.outcome)}</p><table>${rows.join("")}</table>`);
  } catch {
    res.writeHead(404).end();
  }
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`http://127.0.0.1:${port}\n`);
});
