import { describe, expect, it } from "vitest";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { currentStorageFault, noteStorageFault, noteStorageWrite, RETRY_AFTER_SECONDS, storageFaultOf } from "@/lib/server/storage-faults";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("storage faults (issue 20)", () => {
  it("names a full disk and an unreachable database, through drizzle's wrapper, and nothing else", () => {
    expect(storageFaultOf(withCode("SQLITE_FULL"))).toBe("storage_full");
    expect(storageFaultOf(withCode("53100"))).toBe("storage_full");
    // drizzle's error quotes the parameters in its message; the driver's code is on the cause.
    expect(storageFaultOf(new DrizzleQueryError("insert into intakes …", ["secret"], withCode("SQLITE_FULL")))).toBe("storage_full");
    for (const code of ["ECONNREFUSED", "57P01", "57P03", "08006", "SQLITE_BUSY", "SQLITE_IOERR_WRITE"]) expect(storageFaultOf(withCode(code)), code).toBe("database_unavailable");
    expect(storageFaultOf(new Error("Connection terminated unexpectedly"))).toBe("database_unavailable");
    for (const code of ["SQLITE_CONSTRAINT_UNIQUE", "23505", "42P01"]) expect(storageFaultOf(withCode(code)), code).toBeUndefined();
    expect(storageFaultOf(new Error("boom"))).toBeUndefined();
    expect(storageFaultOf(undefined)).toBeUndefined();
  });

  it("remembers a fault until a write succeeds or its Retry-After has passed", () => {
    noteStorageFault("storage_full", 1_000);
    expect(currentStorageFault(1_000 + RETRY_AFTER_SECONDS.storage_full * 1000)).toBe("storage_full");
    noteStorageWrite();
    expect(currentStorageFault(1_001)).toBeUndefined();
    noteStorageFault("database_unavailable", 1_000);
    expect(currentStorageFault(1_000 + RETRY_AFTER_SECONDS.database_unavailable * 1000 + 1)).toBeUndefined();
    expect(currentStorageFault(1_000)).toBeUndefined();
  });
});
