import { handleCreateIntake } from "@/lib/intake-api/create-intake-handler";

export const dynamic = "force-dynamic";

export const POST = handleCreateIntake;
