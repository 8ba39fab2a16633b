// Child process: the floor for POST /api/intakes — a bare node:http server doing the same parse,
// assessment, encryption and insert, without Next. Prints its URL when listening. On SQLite by
// default, on PostgreSQL with DATABASE_URL (row 3 PG).
import http from "node:http";
import { getConfig } from "@/lib/config";
import { loadKeyMaterial } from "@/lib/crypto/key-material";
import { prepareDatabase } from "@/db/prepare-database";
import { createIntake } from "@/lib/intake/intake-record";
import { parseIntake } from "@/lib/questionnaire";
import { assess } from "@/lib/assessment";

const config = getConfig();
loadKeyMaterial(config);
await prepareDatabase();
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    const receivedAt = new Date();
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const parsed = parseIntake(body, { receivedAt, timeZone: config.timeZone, submittedAtPolicy: "recent" });
    if (!parsed.ok) {
      res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ errors: parsed.errors }));
      return;
    }
    const result = await createIntake(parsed.intake, { receivedAt, assessment: assess(parsed.intake.answers, parsed.intake.referenceDate, config.ruleSets[parsed.intake.version]) });
    if (result.outcome !== "created") {
      res.writeHead(409).end();
      return;
    }
    res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ id: result.intake.id, reference: result.intake.reference }));
  });
});
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as { port: number };
  process.stdout.write(`http://127.0.0.1:${port}\n`);
});
