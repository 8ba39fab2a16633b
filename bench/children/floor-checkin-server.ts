// Child process: the floor for a check-in through the pages — a bare node:http server calling the
// same check-in features the pages and actions call (lib/course-records: startCheckin,
// currentCheckin, saveCheckinDraft, submitCheckin), one request per call, without Next. The session
// token travels in an `x-session` header instead of the cookie. Prints its URL when listening.
import http from "node:http";
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { prepareDatabase } from "@/db/prepare-database";
import { clinicToday, currentCheckin, openCheckin, saveCheckinDraft, startCheckin, submitCheckin } from "@/lib/course-records";
import { checkinSection, parseCheckinStep, shownOnly } from "@/lib/checkin-flow/steps";
import type { FormValues } from "@/lib/intake-wizard/form-values";

loadKeyMaterial(getConfig());
await prepareDatabase();

async function answer(url: URL, session: string | undefined, body: Record<string, unknown>): Promise<[number, unknown]> {
  const address = typeof body.address === "string" ? body.address : null;
  switch (url.pathname) {
    case "/open": // the link page: audited, nothing else
      return [200, await openCheckin(String(body.token), address)];
    case "/start": {
      const started = await startCheckin(String(body.token), body.dateOfBirth, address);
      return started.outcome === "started" ? [201, { session: started.sessionToken }] : [409, { outcome: started.outcome }];
    }
    case "/read": // what a step page reads before it renders
      return (await currentCheckin(session)) ? [200, { ok: true }] : [404, {}];
    case "/save": {
      // What saveCheckinStep does with the cookie's check-in: the step validated as the browser did, hidden answers dropped, the draft saved.
      const checkin = await currentCheckin(session);
      const section = checkinSection(String(body.section));
      if (!checkin || checkin.submitted || !section) return [404, {}];
      const others = Object.fromEntries(Object.entries(checkin.state.answers).filter(([id]) => !section.items.some((i) => i.id === id)));
      const step = parseCheckinStep(section, body.values as FormValues, others, { referenceDate: clinicToday(new Date()) });
      if (step.errors.length > 0) return [400, { errors: step.errors }];
      const saved = await saveCheckinDraft(session, { answers: shownOnly({ ...others, ...step.answers }) });
      return saved.saved ? [200, { ok: true }] : [409, {}];
    }
    case "/send": {
      const result = await submitCheckin(session, undefined, address);
      return result.outcome === "stored" ? [201, { id: result.checkinId }] : [409, { outcome: result.outcome }];
    }
  }
  return [404, {}];
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    try {
      const body = chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
      const session = req.headers["x-session"];
      const [status, reply] = await answer(new URL(req.url ?? "/", "http://floor"), typeof session === "string" ? session : undefined, body);
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(reply));
    } catch (error) {
      res.writeHead(500).end(String((error as Error).name));
    }
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`http://127.0.0.1:${port}\n`);
});
