// Child process for the crash test: stores one intake through the API handler, prints the
// acknowledgement, then waits to be killed with SIGKILL.
import { prepareServer } from "@/lib/server/prepare-server";
import { handleCreateIntake } from "@/lib/intake/create-intake-handler";
import { fullIntake } from "../fixtures/intakes";

await prepareServer(() => {});
const response = await handleCreateIntake(
  new Request("http://localhost/api/intakes", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(fullIntake({ goals: "Acknowledged before the crash" }, { submittedAt: new Date().toISOString() })),
  }),
);
process.stdout.write(`${response.status} ${await response.text()}\n`);
setInterval(() => {}, 1000);
