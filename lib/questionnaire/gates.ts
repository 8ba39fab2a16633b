/** Branching conditions shared by more than one item (and more than one version). */

/** Thoughts of suicide or death reported: the suicide follow-up questions are asked. */
export const SUICIDE_FOLLOW_UP = {
  any: [
    { item: "si_thoughts_past_month", in: ["yes", "prefer_to_discuss"] },
    { item: "phq9_9", gte: 1 },
  ],
} as const;
