import { handleCreateIntake } from "@/lib/intake/create-intake-handler";

export const dynamic = "force-dynamic";

export const POST = handleCreateIntake;
