import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

/**
 * A throw-away PostgreSQL cluster for one test file (or one node:test run): `initdb` into a fresh
 * temp directory, `pg_ctl start` on a free port on 127.0.0.1 plus a unix socket inside that
 * directory, a database owned by a least-privilege login role, and `stop()` that kills the server
 * and removes the directory. Never a shared or pre-existing server, never a mock.
 *
 * The binaries are Debian's (`apt-get install postgresql`, see .ci/run) under
 * /usr/lib/postgresql/<version>/bin, which are not on PATH; PG_BIN_DIR overrides. PostgreSQL refuses
 * to run as root, so as root every server command runs as the `postgres` user.
 *
 * Free of vitest on purpose: `beforeAll(async () => (cluster = await startPostgresCluster()))` in
 * vitest, `before(...)` in node:test.
 */

const run = promisify(execFile);

export interface PostgresCluster {
  /** postgresql://intake_app:<password>@127.0.0.1:<port>/intake — the app's least-privilege role (owns the database, so it can migrate). */
  url: string;
  /** The superuser over the unix socket (trust auth; the socket directory is private to the cluster's owner). */
  adminUrl: string;
  host: "127.0.0.1";
  port: number;
  database: string;
  user: string;
  password: string;
  /** The PostgreSQL binaries used (pg_dump, pg_restore, psql … live here too). */
  binDir: string;
  dataDir: string;
  socketDir: string;
  /** Stops the server, keeping the cluster (the fault tests: a database restart mid-load); `mode` as pg_ctl's -m. */
  stopServer(mode?: "fast" | "immediate"): Promise<void>;
  /** Starts it again on the same port and data directory. */
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  database?: string;
  user?: string;
  /**
   * fsync=off (default true): the tests never survive an operating-system crash, only process
   * kills, which fsync does not affect (committed WAL is in the kernel either way). Set false for a
   * test that wants the server's full durability settings.
   */
  fast?: boolean;
  /** Where the cluster's directory is made (default the system's temp directory): a small tmpfs to fill it. */
  parentDir?: string;
}

/** The newest /usr/lib/postgresql/<version>/bin with initdb in it, or PG_BIN_DIR. */
export function findPostgresBinDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) {
    if (!fs.existsSync(path.join(fromEnv, "initdb"))) throw new Error(`PG_BIN_DIR=${fromEnv} has no initdb`);
    return fromEnv;
  }
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a))
    : [];
  if (versions.length === 0)
    throw new Error("PostgreSQL binaries not found under /usr/lib/postgresql/<version>/bin: install Debian's postgresql package (apt-get install -y postgresql; .ci/run does), or set PG_BIN_DIR");
  return path.join(root, versions[0]!, "bin");
}

const asRoot = () => process.getuid?.() === 0;

/** Runs a server binary as the cluster's owner: the `postgres` user when we are root, else ourselves. */
function serverCommand(binDir: string, name: string, args: string[]): [string, string[]] {
  const bin = path.join(binDir, name);
  return asRoot() ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function startPostgresCluster(options: ClusterOptions = {}): Promise<PostgresCluster> {
  const binDir = findPostgresBinDir();
  const database = options.database ?? "intake";
  const user = options.user ?? "intake_app";
  const password = randomBytes(18).toString("base64url");
  const dir = fs.mkdtempSync(path.join(options.parentDir ?? os.tmpdir(), "intake-pg-"));
  const dataDir = path.join(dir, "data");
  const socketDir = path.join(dir, "socket");
  fs.mkdirSync(socketDir, { mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  if (asRoot()) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const env = { ...process.env, LC_ALL: "C", LANG: "C" };
  const exec = (name: string, args: string[]) => {
    const [file, argv] = serverCommand(binDir, name, args);
    return run(file, argv, { env, cwd: dir });
  };

  let started = false;
  const stop = async () => {
    process.off("exit", stopSync);
    if (started) await exec("pg_ctl", ["stop", "-D", dataDir, "-m", "immediate", "-w"]).catch(() => undefined);
    started = false;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  // If the test process exits without calling stop(), do not leave a server behind.
  const stopSync = () => {
    if (started) {
      const [file, argv] = serverCommand(binDir, "pg_ctl", ["stop", "-D", dataDir, "-m", "immediate"]);
      try {
        execFileSync(file, argv, { env, stdio: "ignore" });
      } catch {
        /* already gone */
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", stopSync);

  try {
    // C collation: text sorts by bytes, as SQLite's BINARY collation does, so ORDER BY agrees on both.
    await exec("initdb", ["-D", dataDir, "-U", "postgres", "--encoding=UTF8", "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"]);
    let port = 0;
    let settings: string[] = [];
    const pgStart = () => exec("pg_ctl", ["start", "-D", dataDir, "-w", "-t", "30", "-l", path.join(dir, "server.log"), "-o", settings.join(" ")]);
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      settings = [`-c listen_addresses=127.0.0.1`, `-p ${port}`, `-k ${socketDir}`, `-c unix_socket_permissions=0700`];
      if (options.fast ?? true) settings.push("-c fsync=off");
      try {
        await pgStart();
        started = true;
        break;
      } catch (error) {
        // Another process took the port between our probe and the server's bind: try another.
        if (attempt >= 3) throw new Error(`pg_ctl start failed: ${String(error)}\n${readLog(dir)}`);
      }
    }

    const adminUrl = `postgresql://postgres@/postgres?host=${encodeURIComponent(socketDir)}&port=${port}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      // Least privilege: a login role that is not superuser and cannot create roles or databases; it
      // owns its one database (so it can run the migrations), which nobody else may connect to.
      await admin.query(`create role ${quoteIdent(user)} login nosuperuser nocreatedb nocreaterole noreplication password '${password}'`);
      await admin.query(`create database ${quoteIdent(database)} owner ${quoteIdent(user)}`);
      await admin.query(`revoke all on database ${quoteIdent(database)} from public`);
    } finally {
      await admin.end();
    }
    const url = `postgresql://${user}:${password}@127.0.0.1:${port}/${database}`;
    const stopServer = async (mode: "fast" | "immediate" = "fast") => {
      await exec("pg_ctl", ["stop", "-D", dataDir, "-m", mode, "-w"]);
      started = false;
    };
    const startServer = async () => {
      await pgStart();
      started = true;
    };
    return { url, adminUrl, host: "127.0.0.1", port, database, user, password, binDir, dataDir, socketDir, stopServer, startServer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function readLog(dir: string): string {
  try {
    return fs.readFileSync(path.join(dir, "server.log"), "utf8").slice(-2000);
  } catch {
    return "";
  }
}
