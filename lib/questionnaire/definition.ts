import type { QuestionnaireDef } from "./types";
import { applyDelta } from "./delta";
import { SUICIDE_FOLLOW_UP } from "./gates";
import { VERSION_2 } from "./version-2";

/**
 * The intake questionnaire `ketamine-trbd-intake`, version 1 — the single source of truth for
 * what the intake asks (see shared/product/intake-spec.md) — and, at the end of this file, every
 * later version as a delta over it (version 2: ./version-2.ts, shared/product/intake-v2.md). Form
 * steps, the zod schema, the review page, the PDF and the JSON format docs are all derived from these.
 *
 * Option `risk`: 0 = least concern; higher = more for the clinician to consider.
 */

const FREQUENCY_0_3 = [
  { value: 0, label: "Not at all" },
  { value: 1, label: "Several days" },
  { value: 2, label: "More than half the days" },
  { value: 3, label: "Nearly every day" },
] as const;

const YES_NO = [
  { value: "yes", label: "Yes", risk: 0 },
  { value: "no", label: "No", risk: 0 },
] as const;

const phq9 = <N extends number>(n: N, label: string) =>
  ({ id: `phq9_${n}` as `phq9_${N}`, type: "int", min: 0, max: 3, required: true, label, choices: FREQUENCY_0_3, scale: "phq9" }) as const;
const gad7 = <N extends number>(n: N, label: string) =>
  ({ id: `gad7_${n}` as `gad7_${N}`, type: "int", min: 0, max: 3, required: true, label, choices: FREQUENCY_0_3, scale: "gad7" }) as const;

/** PHQ-9 and GAD-7 share their stem, word for word (intake-v2.md: shown in both versions). */
const TWO_WEEK_STEM = "Over the last 2 weeks, how often have you been bothered by any of the following problems?";

const QUESTIONNAIRE_V1 = {
  id: "ketamine-trbd-intake",
  version: "1",
  stems: { phq9: TWO_WEEK_STEM, gad7: TWO_WEEK_STEM },
  sections: [
    {
      id: "consent",
      title: "Before you start",
      intro: "Please read the privacy notice. Your answers help the therapist prepare for your first consultation.",
      minutes: 1,
      items: [
        {
          id: "consent_privacy",
          type: "bool",
          mustBeTrue: true,
          mustBeTrueMessage: "Tick the box to agree to the privacy notice, or stop here if you do not agree",
          required: true,
          label:
            "I have read the privacy notice and agree to this information being collected to assess whether ketamine-assisted therapy may suit me",
        },
        {
          id: "consent_not_emergency",
          type: "bool",
          mustBeTrue: true,
          mustBeTrueMessage: "Tick the box to confirm you understand this form is not for emergencies",
          required: true,
          // Its help (what to call in a crisis) is written by the form from the configured crisis numbers.
          label: "I understand this form is not monitored in real time and is not for emergencies",
        },
      ],
    },
    {
      id: "about",
      title: "About you",
      intro: "How we can reach you, and who to call in an emergency.",
      minutes: 2,
      items: [
        { id: "full_name", type: "text", maxLength: 120, autocomplete: "name", required: true, label: "Full name" },
        { id: "preferred_name", type: "text", maxLength: 60, autocomplete: "nickname", required: false, label: "Name you like to be called", help: "If different from your full name" },
        { id: "date_of_birth", type: "date", relativeToReference: "before", minYear: 1900, autocomplete: "bday", required: true, label: "Date of birth" },
        {
          id: "sex_at_birth",
          type: "enum",
          required: true,
          label: "Sex assigned at birth",
          help: "We ask because it changes how one alcohol question is scored, and whether we ask about pregnancy.",
          options: [
            { value: "female", label: "Female", risk: 0 },
            { value: "male", label: "Male", risk: 0 },
            { value: "intersex", label: "Intersex", risk: 0 },
            { value: "prefer_not_to_say", label: "Prefer not to say", risk: 0 },
          ],
        },
        { id: "email", type: "text", maxLength: 254, format: "email", autocomplete: "email", required: true, label: "Email address" },
        { id: "phone", type: "text", maxLength: 32, format: "phone", autocomplete: "tel", required: true, label: "Phone number", help: "Include the area code" },
        {
          id: "ok_to_leave_message",
          type: "enum",
          required: true,
          label: "Is it OK to leave a voicemail or send an email that mentions the clinic?",
          options: YES_NO,
        },
        {
          id: "country",
          type: "enum",
          required: true,
          label: "Where do you live?",
          help: "So we can show you the right crisis numbers.",
          options: [
            { value: "CA", label: "Canada", risk: 0 },
            { value: "US", label: "United States", risk: 0 },
            { value: "other", label: "Another country", risk: 0 },
          ],
        },
        { id: "region", type: "text", maxLength: 60, autocomplete: "address-level1", required: false, label: "Province or state" },
        {
          id: "preferred_contact",
          type: "enum",
          required: true,
          label: "How should we contact you?",
          options: [
            { value: "email", label: "Email", risk: 0 },
            { value: "phone", label: "Phone", risk: 0 },
            { value: "either", label: "Either", risk: 0 },
          ],
        },
        { id: "emergency_contact_name", type: "text", maxLength: 120, autocomplete: "off", required: true, label: "Emergency contact: name" },
        { id: "emergency_contact_phone", type: "text", maxLength: 32, format: "phone", autocomplete: "off", required: true, label: "Emergency contact: phone number" },
        { id: "family_doctor", type: "text", maxLength: 120, required: false, label: "Family doctor", help: "Name and clinic, if you have one" },
        { id: "prescriber", type: "text", maxLength: 120, required: false, label: "Who prescribes your mood medication?", help: "If anyone" },
      ],
    },
    {
      id: "diagnosis",
      title: "Your diagnosis",
      minutes: 1,
      items: [
        {
          id: "bipolar_type",
          type: "enum",
          required: true,
          label: "Which type of bipolar disorder were you told you have?",
          help: "Bipolar I means at least one full manic episode (very high or irritable mood for a week or more, or needing hospital). Bipolar II means milder highs (hypomania) and periods of depression.",
          options: [
            { value: "bipolar_1", label: "Bipolar I", risk: 1 },
            { value: "bipolar_2", label: "Bipolar II", risk: 0 },
            { value: "other_specified", label: "Another bipolar diagnosis", risk: 0 },
            { value: "unsure", label: "I'm not sure", risk: 2 },
          ],
        },
        {
          id: "diagnosed_by",
          type: "enum",
          required: true,
          label: "Who diagnosed it?",
          options: [
            { value: "psychiatrist", label: "A psychiatrist", risk: 0 },
            { value: "family_doctor", label: "A family doctor", risk: 0 },
            { value: "psychologist", label: "A psychologist", risk: 0 },
            { value: "other", label: "Someone else", risk: 0 },
            { value: "not_formally_diagnosed", label: "I have not been formally diagnosed", risk: 1 },
          ],
        },
        {
          id: "current_episode_weeks",
          type: "int",
          min: 0,
          max: 1040,
          unit: "weeks",
          required: true,
          label: "How many weeks has your current low mood lasted?",
          help: "Your best guess is fine. Enter 0 if you are not low right now.",
        },
        {
          id: "psychiatric_hospitalizations",
          type: "enum",
          required: true,
          label: "How many times have you stayed in hospital for your mental health?",
          options: [
            { value: "none", label: "Never", risk: 0 },
            { value: "one", label: "Once", risk: 1 },
            { value: "two_or_more", label: "Two or more times", risk: 2 },
          ],
        },
        {
          id: "psychosis_history",
          type: "enum",
          required: true,
          label:
            "Have you ever heard or seen things others don't, or held strong beliefs that others told you weren't true?",
          options: [
            { value: "never", label: "Never", risk: 0 },
            { value: "past_only", label: "Yes, in the past", risk: 1 },
            { value: "current_episode", label: "Yes, during this current episode", risk: 2 },
            { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 1 },
          ],
        },
        {
          id: "mania_last_12_months",
          type: "enum",
          required: true,
          label: "Have you had a manic or hypomanic episode (a 'high') in the past 12 months?",
          options: [
            { value: "no", label: "No", risk: 0 },
            { value: "unsure", label: "I'm not sure", risk: 1 },
            { value: "yes", label: "Yes", risk: 2 },
          ],
        },
        {
          id: "antidepressant_switch_history",
          type: "enum",
          required: true,
          label: "Have you ever become high or hypomanic after starting an antidepressant?",
          options: [
            { value: "no", label: "No", risk: 0 },
            { value: "unsure", label: "I'm not sure", risk: 1 },
            { value: "yes", label: "Yes", risk: 2 },
          ],
        },
      ],
    },
    {
      id: "mood",
      title: "How you have been feeling",
      intro:
        "The first two sets of questions are standard questionnaires (PHQ-9 and GAD-7). They ask about the last 2 weeks.",
      minutes: 3,
      items: [
        phq9(1, "Little interest or pleasure in doing things"),
        phq9(2, "Feeling down, depressed, or hopeless"),
        phq9(3, "Trouble falling or staying asleep, or sleeping too much"),
        phq9(4, "Feeling tired or having little energy"),
        phq9(5, "Poor appetite or overeating"),
        phq9(6, "Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
        phq9(7, "Trouble concentrating on things, such as reading the newspaper or watching television"),
        phq9(
          8,
          "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual",
        ),
        phq9(9, "Thoughts that you would be better off dead or of hurting yourself in some way"),
        {
          id: "phq9_difficulty",
          type: "enum",
          required: false,
          label:
            "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
          shownIf: {
            any: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ item: `phq9_${n}`, gt: 0 })),
          },
          options: [
            { value: "not_difficult", label: "Not difficult at all", risk: 0 },
            { value: "somewhat", label: "Somewhat difficult", risk: 1 },
            { value: "very", label: "Very difficult", risk: 2 },
            { value: "extremely", label: "Extremely difficult", risk: 3 },
          ],
        },
        gad7(1, "Feeling nervous, anxious, or on edge"),
        gad7(2, "Not being able to stop or control worrying"),
        gad7(3, "Worrying too much about different things"),
        gad7(4, "Trouble relaxing"),
        gad7(5, "Being so restless that it is hard to sit still"),
        gad7(6, "Becoming easily annoyed or irritable"),
        gad7(7, "Feeling afraid, as if something awful might happen"),
        {
          id: "mania_symptoms_past_week",
          type: "multi",
          required: true,
          label: "In the past week, have you noticed any of these, beyond what is usual for you?",
          help: "This is a checklist we wrote, not a standard questionnaire. Choose all that apply.",
          options: [
            { value: "elevated_mood", label: "Feeling unusually high, excited or 'on top of the world'", risk: 2 },
            { value: "irritability", label: "Feeling unusually irritable or quick to anger", risk: 2 },
            { value: "less_need_for_sleep", label: "Needing much less sleep but not feeling tired", risk: 1 },
            { value: "racing_thoughts", label: "Racing thoughts", risk: 1 },
            { value: "pressured_speech", label: "Talking much faster or more than usual", risk: 1 },
            { value: "distractibility", label: "Being easily distracted", risk: 1 },
            { value: "increased_activity", label: "Much more active, or starting many projects", risk: 1 },
            { value: "risky_behaviour", label: "Doing risky things (spending, sex, driving)", risk: 1 },
            { value: "grandiosity", label: "Feeling unusually important or powerful", risk: 1 },
            { value: "none", label: "None of these", risk: 0 },
          ],
        },
      ],
    },
    {
      id: "safety",
      title: "Thoughts of suicide",
      intro:
        "These questions are hard, and we ask everyone. Your honest answers help the therapist plan your care safely.",
      minutes: 1,
      items: [
        {
          id: "si_thoughts_past_month",
          type: "enum",
          required: true,
          label: "In the past month, have you had thoughts of ending your life?",
          options: [
            { value: "no", label: "No", risk: 0 },
            { value: "yes", label: "Yes", risk: 2 },
            { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 1 },
          ],
        },
        {
          id: "si_intent",
          type: "enum",
          required: true,
          shownIf: SUICIDE_FOLLOW_UP,
          label: "Have you had any intention of acting on these thoughts?",
          options: [
            { value: "no", label: "No", risk: 0 },
            { value: "unsure", label: "I'm not sure", risk: 1 },
            { value: "yes", label: "Yes", risk: 2 },
          ],
        },
        {
          id: "si_plan",
          type: "enum",
          required: true,
          shownIf: SUICIDE_FOLLOW_UP,
          label: "Have you thought about how you would do it, or made a plan?",
          options: [
            { value: "no", label: "No", risk: 0 },
            { value: "yes", label: "Yes", risk: 1 },
          ],
        },
        {
          id: "si_attempt_history",
          type: "enum",
          required: true,
          label: "Have you ever tried to end your life?",
          options: [
            { value: "never", label: "Never", risk: 0 },
            { value: "more_than_3_months_ago", label: "Yes, more than 3 months ago", risk: 1 },
            { value: "within_3_months", label: "Yes, in the past 3 months", risk: 3 },
            { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 2 },
          ],
        },
        {
          id: "si_safe_now",
          type: "enum",
          required: true,
          label: "Do you feel safe right now?",
          options: [
            { value: "yes", label: "Yes", risk: 0 },
            { value: "unsure", label: "I'm not sure", risk: 1 },
            { value: "no", label: "No", risk: 1 },
          ],
        },
      ],
    },
    {
      id: "treatment",
      title: "Medications and past treatment",
      intro: "It helps to have your medication names and doses to hand.",
      minutes: 2,
      items: [
        {
          id: "on_mood_medication",
          type: "enum",
          required: true,
          label: "Do you take a mood stabilizer or an antipsychotic now?",
          help: "Mood stabilizer: for example lithium, valproate (Epival) or lamotrigine. Antipsychotic: for example quetiapine (Seroquel) or lurasidone (Latuda).",
          options: [
            { value: "yes", label: "Yes", risk: 0 },
            { value: "no", label: "No", risk: 1 },
          ],
        },
        {
          id: "current_mood_medications",
          type: "rows",
          required: true,
          minRows: 1,
          maxRows: 10,
          rowLabel: "Medication",
          shownIf: { item: "on_mood_medication", eq: "yes" },
          label: "Which mood stabilizers or antipsychotics do you take now?",
          fields: [
            {
              id: "name",
              type: "enum",
              required: true,
              label: "Medication",
              options: [
                { value: "lithium", label: "Lithium", risk: 0 },
                { value: "valproate", label: "Valproate / divalproex (Epival, Depakote)", risk: 0 },
                { value: "lamotrigine", label: "Lamotrigine (Lamictal)", risk: 0 },
                { value: "carbamazepine", label: "Carbamazepine (Tegretol)", risk: 0 },
                { value: "quetiapine", label: "Quetiapine (Seroquel)", risk: 0 },
                { value: "lurasidone", label: "Lurasidone (Latuda)", risk: 0 },
                { value: "cariprazine", label: "Cariprazine (Vraylar)", risk: 0 },
                { value: "lumateperone", label: "Lumateperone (Caplyta)", risk: 0 },
                { value: "olanzapine", label: "Olanzapine (Zyprexa)", risk: 0 },
                { value: "aripiprazole", label: "Aripiprazole (Abilify)", risk: 0 },
                { value: "risperidone", label: "Risperidone (Risperdal)", risk: 0 },
                { value: "other_antipsychotic", label: "Another antipsychotic", risk: 0 },
                { value: "other", label: "Something else", risk: 0 },
              ],
            },
            {
              id: "other_name",
              type: "text",
              maxLength: 60,
              required: false,
              label: "Name of the medication",
              onlyWhen: { field: "name", in: ["other", "other_antipsychotic"] },
            },
            { id: "dose_mg_per_day", type: "num", min: 0, max: 5000, unit: "mg per day", required: false, label: "Dose" },
            { id: "started", type: "month", required: false, label: "When did you start it?", help: "Month and year" },
          ],
        },
        {
          id: "other_medications",
          type: "multi",
          required: true,
          label: "Do you take any of these other medicines?",
          help: "Choose all that apply.",
          options: [
            { value: "antidepressant", label: "Antidepressants", hint: "e.g. sertraline/Zoloft, escitalopram/Cipralex, bupropion/Wellbutrin", risk: 1 },
            { value: "benzodiazepine", label: "Benzodiazepines", hint: "e.g. lorazepam/Ativan, clonazepam/Rivotril, diazepam/Valium", risk: 1 },
            { value: "z_drug_sleep", label: "Sleeping pills", hint: "e.g. zopiclone/Imovane, zolpidem/Sublinox", risk: 1 },
            { value: "opioid", label: "Opioid pain medicines", hint: "e.g. codeine/Tylenol 3, oxycodone/Percocet, hydromorphone/Dilaudid", risk: 1 },
            { value: "stimulant", label: "Stimulants", hint: "e.g. methylphenidate/Ritalin/Concerta, lisdexamfetamine/Vyvanse, Adderall", risk: 2 },
            { value: "maoi", label: "MAOIs", hint: "e.g. phenelzine/Nardil, tranylcypromine/Parnate, selegiline patch", risk: 2 },
            { value: "blood_pressure", label: "Blood pressure medicines", hint: "e.g. amlodipine/Norvasc, ramipril/Altace", risk: 0 },
            { value: "thyroid", label: "Thyroid medicines", hint: "e.g. levothyroxine/Synthroid", risk: 0 },
            { value: "other", label: "Other medicines", risk: 0 },
            { value: "none", label: "None of these", risk: 0 },
          ],
        },
        {
          id: "benzodiazepine_use",
          type: "enum",
          required: true,
          shownIf: { item: "other_medications", has: ["benzodiazepine"] },
          label: "How often do you take the benzodiazepine?",
          options: [
            { value: "as_needed", label: "Only when needed", risk: 0 },
            { value: "daily", label: "Every day", risk: 1 },
          ],
        },
        {
          id: "medication_list",
          type: "text",
          maxLength: 2000,
          required: false,
          label: "List every medicine you take, with dose and how often",
          help: "Include vitamins and supplements. This helps the clinician check for interactions.",
        },
        { id: "drug_allergies", type: "text", maxLength: 500, required: false, label: "Any allergies to medicines?", help: "Name the medicine and what happened" },
        {
          id: "had_past_treatments",
          type: "enum",
          required: true,
          label: "Have you tried other treatments for bipolar depression before?",
          options: YES_NO,
        },
        {
          id: "past_treatment_trials",
          type: "rows",
          required: true,
          minRows: 1,
          maxRows: 20,
          rowLabel: "Treatment",
          shownIf: { item: "had_past_treatments", eq: "yes" },
          label: "Which treatments have you tried?",
          help: "Add one row for each treatment.",
          fields: [
            {
              id: "treatment",
              type: "enum",
              required: true,
              label: "Treatment",
              options: [
                { value: "lithium", label: "Lithium", risk: 0 },
                { value: "valproate", label: "Valproate / divalproex", risk: 0 },
                { value: "lamotrigine", label: "Lamotrigine", risk: 0 },
                { value: "quetiapine", label: "Quetiapine", risk: 0 },
                { value: "lurasidone", label: "Lurasidone", risk: 0 },
                { value: "cariprazine", label: "Cariprazine", risk: 0 },
                { value: "lumateperone", label: "Lumateperone", risk: 0 },
                { value: "olanzapine_fluoxetine", label: "Olanzapine with fluoxetine", risk: 0 },
                { value: "other_antipsychotic", label: "Another antipsychotic", risk: 0 },
                { value: "antidepressant", label: "An antidepressant", risk: 0 },
                { value: "psychotherapy", label: "Talk therapy (psychotherapy)", risk: 0 },
                { value: "ect", label: "ECT (electroconvulsive therapy)", risk: 0 },
                { value: "rtms", label: "rTMS (magnetic stimulation)", risk: 0 },
                { value: "other", label: "Something else", risk: 0 },
              ],
            },
            {
              id: "other_name",
              type: "text",
              maxLength: 60,
              required: false,
              label: "Name of the treatment",
              onlyWhen: { field: "treatment", in: ["other", "other_antipsychotic"] },
            },
            { id: "weeks", type: "int", min: 0, max: 520, unit: "weeks", required: true, label: "How many weeks did you try it?" },
            {
              id: "adequate_dose",
              type: "enum",
              required: true,
              label: "Did you reach the dose your prescriber aimed for?",
              options: [
                { value: "yes", label: "Yes", risk: 0 },
                { value: "no", label: "No", risk: 0 },
                { value: "unsure", label: "I'm not sure", risk: 0 },
              ],
            },
            {
              id: "outcome",
              type: "enum",
              required: true,
              label: "How did it go?",
              options: [
                { value: "no_benefit", label: "It did not help", risk: 0 },
                { value: "partial", label: "It helped a little", risk: 0 },
                { value: "remission", label: "I felt well again", risk: 0 },
                { value: "stopped_side_effects", label: "I stopped because of side effects", risk: 0 },
              ],
            },
          ],
        },
        {
          id: "in_psychotherapy_now",
          type: "enum",
          required: true,
          label: "Are you seeing a therapist or counsellor now?",
          options: YES_NO,
        },
      ],
    },
    {
      id: "ketamine",
      title: "Past experience with ketamine",
      minutes: 1,
      items: [
        {
          id: "prior_ketamine",
          type: "enum",
          required: true,
          label: "Have you had ketamine or esketamine (Spravato) before?",
          options: [
            { value: "never", label: "Never", risk: 0 },
            { value: "medical", label: "Yes, as a medical treatment", risk: 0 },
            { value: "non_medical", label: "Yes, outside medical treatment", risk: 1 },
            { value: "both", label: "Both", risk: 1 },
          ],
        },
        {
          id: "prior_ketamine_routes",
          type: "multi",
          required: true,
          shownIf: { item: "prior_ketamine", in: ["medical", "both"] },
          label: "How was it given?",
          help: "Choose all that apply.",
          options: [
            { value: "iv", label: "Infusion into a vein (IV)", risk: 0 },
            { value: "intranasal_esketamine", label: "Nasal spray (esketamine / Spravato)", risk: 0 },
            { value: "im", label: "Injection into a muscle", risk: 0 },
            { value: "oral_sublingual", label: "Tablet or lozenge", risk: 0 },
            { value: "other", label: "Another way", risk: 0 },
          ],
        },
        {
          id: "prior_ketamine_response",
          type: "enum",
          required: true,
          shownIf: { item: "prior_ketamine", in: ["medical", "both"] },
          label: "Did the treatment help?",
          options: [
            { value: "helpful", label: "Yes", risk: 0 },
            { value: "mixed", label: "Somewhat / mixed", risk: 0 },
            { value: "not_helpful", label: "No", risk: 0 },
            { value: "unsure", label: "I'm not sure", risk: 0 },
          ],
        },
        {
          id: "prior_ketamine_adverse",
          type: "multi",
          required: true,
          shownIf: { item: "prior_ketamine", in: ["medical", "non_medical", "both"] },
          label: "Did you have any of these after ketamine?",
          help: "Choose all that apply.",
          options: [
            { value: "severe_dissociation", label: "Feeling very disconnected or frightened (severe dissociation)", risk: 1 },
            { value: "mania_or_hypomania", label: "A manic or hypomanic 'high'", risk: 1 },
            { value: "high_blood_pressure", label: "High blood pressure", risk: 1 },
            { value: "bladder_problems", label: "Bladder or urinary problems", risk: 1 },
            { value: "other", label: "Something else", risk: 0 },
            { value: "none", label: "None of these", risk: 0 },
          ],
        },
        {
          id: "ketamine_allergy",
          type: "enum",
          required: true,
          label: "Have you ever had an allergic reaction to ketamine?",
          options: [
            { value: "no", label: "No", risk: 0 },
            { value: "unsure", label: "I'm not sure", risk: 1 },
            { value: "yes", label: "Yes", risk: 2 },
          ],
        },
      ],
    },
    {
      id: "health",
      title: "Your physical health",
      intro: "Ketamine raises blood pressure for a short time, so we ask about your heart and blood pressure.",
      minutes: 1,
      items: [
        { id: "height_cm", type: "num", min: 100, max: 250, unit: "cm", imperial: "ftin", required: true, label: "Height" },
        { id: "weight_kg", type: "num", min: 30, max: 350, unit: "kg", imperial: "lb", required: true, label: "Weight" },
        {
          id: "hypertension_diagnosed",
          type: "enum",
          required: true,
          label: "Has a doctor ever told you that you have high blood pressure?",
          options: [
            { value: "no", label: "No", risk: 0 },
            { value: "unsure", label: "I'm not sure", risk: 1 },
            { value: "yes", label: "Yes", risk: 1 },
          ],
        },
        {
          id: "bp_controlled",
          type: "enum",
          required: true,
          shownIf: { item: "hypertension_diagnosed", eq: "yes" },
          label: "Is your blood pressure under control now?",
          options: [
            { value: "yes", label: "Yes", risk: 0 },
            { value: "unsure", label: "I'm not sure", risk: 1 },
            { value: "no", label: "No", risk: 1 },
          ],
        },
        {
          id: "bp_recent_systolic",
          type: "int",
          min: 60,
          max: 260,
          unit: "mmHg",
          required: false,
          label: "Your most recent blood pressure: top number (systolic)",
          help: "Leave blank if you don't know it.",
        },
        {
          id: "bp_recent_diastolic",
          type: "int",
          min: 30,
          max: 160,
          unit: "mmHg",
          required: false,
          label: "Your most recent blood pressure: bottom number (diastolic)",
        },
        { id: "bp_recent_date", type: "date", relativeToReference: "notAfter", required: false, label: "Date of that reading" },
        {
          id: "cardiovascular_history",
          type: "multi",
          required: true,
          label: "Have you ever had any of these?",
          help: "Choose all that apply.",
          options: [
            { value: "aneurysm", label: "An aneurysm (a bulge in a blood vessel)", risk: 3 },
            { value: "av_malformation", label: "An arteriovenous malformation (AVM)", risk: 3 },
            { value: "brain_bleed", label: "Bleeding in the brain", risk: 3 },
            { value: "stroke", label: "A stroke", risk: 2 },
            { value: "heart_attack", label: "A heart attack", risk: 2 },
            { value: "angina", label: "Angina (chest pain from the heart)", risk: 2 },
            { value: "heart_failure", label: "Heart failure", risk: 2 },
            { value: "valve_disease", label: "Heart valve disease", risk: 2 },
            { value: "arrhythmia", label: "An irregular heartbeat (arrhythmia)", risk: 2 },
            { value: "none", label: "None of these", risk: 0 },
          ],
        },
        {
          id: "cardio_event_past_6_weeks",
          type: "enum",
          required: true,
          shownIf: { item: "cardiovascular_history", has: ["heart_attack", "stroke"] },
          label: "Was the heart attack or stroke in the past 6 weeks?",
          options: [
            { value: "no", label: "No", risk: 0 },
            { value: "yes", label: "Yes", risk: 1 },
          ],
        },
        {
          id: "neuro_history",
          type: "multi",
          required: true,
          label: "Do you have any of these?",
          help: "Choose all that apply.",
          options: [
            { value: "raised_intracranial_pressure", label: "Raised pressure inside the skull", risk: 2 },
            { value: "brain_injury_ongoing", label: "A brain injury that still affects you", risk: 2 },
            { value: "seizures", label: "Seizures or epilepsy", risk: 1 },
            { value: "dementia", label: "Dementia or memory loss", risk: 2 },
            { value: "none", label: "None of these", risk: 0 },
          ],
        },
        {
          id: "other_conditions",
          type: "multi",
          required: true,
          label: "Do you have any of these health conditions?",
          help: "Choose all that apply.",
          options: [
            { value: "liver_disease", label: "Liver disease", risk: 1 },
            { value: "overactive_thyroid_untreated", label: "An overactive thyroid that is not treated", risk: 1 },
            { value: "lung_disease", label: "Lung disease, such as COPD", risk: 1 },
            { value: "sleep_apnea", label: "Sleep apnea", risk: 1 },
            { value: "bladder_urinary", label: "Bladder or urinary problems", risk: 1 },
            { value: "glaucoma", label: "Glaucoma", risk: 1 },
            { value: "none", label: "None of these", risk: 0 },
          ],
        },
        {
          id: "pregnancy_status",
          type: "enum",
          required: true,
          shownIf: { not: { item: "sex_at_birth", eq: "male" } },
          label: "Are you pregnant, breastfeeding, or planning a pregnancy?",
          options: [
            { value: "not_pregnant", label: "None of these", risk: 0 },
            { value: "pregnant", label: "I am pregnant", risk: 3 },
            { value: "possibly_pregnant", label: "I might be pregnant", risk: 2 },
            { value: "planning", label: "I am planning a pregnancy", risk: 1 },
            { value: "breastfeeding", label: "I am breastfeeding", risk: 3 },
            { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 1 },
          ],
        },
      ],
    },
    {
      id: "substances",
      title: "Alcohol and other substances",
      intro: "We ask everyone these questions. Honest answers help keep treatment safe.",
      minutes: 1,
      items: [
        {
          id: "auditc_1",
          type: "int",
          scale: "auditc",
          min: 0,
          max: 4,
          required: true,
          label: "How often do you have a drink containing alcohol?",
          help: "One drink is a standard drink: 13.6 g of alcohol (the Canadian standard), such as 341 ml (12 oz) of 5% beer, 142 ml (5 oz) of 12% wine, or 43 ml (1.5 oz) of 40% spirits.",
          choices: [
            { value: 0, label: "Never" },
            { value: 1, label: "Monthly or less" },
            { value: 2, label: "2 to 4 times a month" },
            { value: 3, label: "2 to 3 times a week" },
            { value: 4, label: "4 or more times a week" },
          ],
        },
        {
          id: "auditc_2",
          type: "int",
          scale: "auditc",
          min: 0,
          max: 4,
          required: true,
          shownIf: { item: "auditc_1", gt: 0 },
          label: "How many drinks containing alcohol do you have on a typical day when you are drinking?",
          choices: [
            { value: 0, label: "1 or 2" },
            { value: 1, label: "3 or 4" },
            { value: 2, label: "5 or 6" },
            { value: 3, label: "7 to 9" },
            { value: 4, label: "10 or more" },
          ],
        },
        {
          id: "auditc_3",
          type: "int",
          scale: "auditc",
          min: 0,
          max: 4,
          required: true,
          shownIf: { item: "auditc_1", gt: 0 },
          label: "How often do you have six or more drinks on one occasion?",
          choices: [
            { value: 0, label: "Never" },
            { value: 1, label: "Less than monthly" },
            { value: 2, label: "Monthly" },
            { value: 3, label: "Weekly" },
            { value: 4, label: "Daily or almost daily" },
          ],
        },
        {
          id: "cannabis_use",
          type: "enum",
          required: true,
          label: "How often do you use cannabis?",
          options: [
            { value: "never", label: "Never", risk: 0 },
            { value: "past", label: "Not now, only in the past", risk: 0 },
            { value: "monthly_or_less", label: "Monthly or less", risk: 0 },
            { value: "weekly", label: "Weekly", risk: 0 },
            { value: "daily", label: "Daily", risk: 1 },
            { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 1 },
          ],
        },
        {
          id: "drugs_past_12_months",
          type: "multi",
          required: true,
          label:
            "In the past 12 months, have you used any of these not prescribed to you, or more than prescribed?",
          help: "Choose all that apply.",
          options: [
            { value: "stimulants", label: "Stimulants", hint: "e.g. cocaine, amphetamines, someone else's ADHD medicine", risk: 1 },
            { value: "opioids", label: "Opioids", hint: "e.g. heroin, fentanyl, oxycodone", risk: 1 },
            { value: "sedatives", label: "Sedatives", hint: "e.g. benzodiazepines or sleeping pills", risk: 1 },
            { value: "hallucinogens", label: "Hallucinogens", hint: "e.g. psilocybin (mushrooms), LSD, MDMA", risk: 1 },
            { value: "dissociatives", label: "Dissociatives", hint: "ketamine, PCP or DXM outside medical treatment", risk: 2 },
            { value: "none", label: "None of these", risk: 0 },
            { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 1 },
          ],
        },
        {
          id: "substance_problems",
          type: "enum",
          required: true,
          label: "Has alcohol or drug use caused problems for you (health, work, relationships, legal)?",
          options: [
            { value: "never", label: "Never", risk: 0 },
            { value: "past_resolved", label: "Yes, in the past, but not now", risk: 1 },
            { value: "past_3_months", label: "Yes, in the past 3 months", risk: 2 },
            { value: "prefer_to_discuss", label: "I'd rather talk about it in person", risk: 1 },
          ],
        },
      ],
    },
    {
      id: "practical",
      title: "Support and getting to sessions",
      minutes: 1,
      items: [
        {
          id: "has_escort",
          type: "enum",
          required: true,
          label: "Can someone take you home after each session?",
          help: "You cannot drive until the next day after a ketamine session.",
          options: [
            { value: "yes", label: "Yes", risk: 0 },
            { value: "unsure", label: "I'm not sure", risk: 1 },
            { value: "no", label: "No", risk: 1 },
          ],
        },
        {
          id: "support_person",
          type: "enum",
          required: true,
          label: "Is there someone you can reach out to between sessions?",
          options: YES_NO,
        },
        {
          id: "referral_source",
          type: "enum",
          required: true,
          label: "How did you hear about us?",
          options: [
            { value: "self", label: "I found you myself", risk: 0 },
            { value: "family_doctor", label: "My family doctor", risk: 0 },
            { value: "psychiatrist", label: "My psychiatrist", risk: 0 },
            { value: "therapist", label: "My therapist", risk: 0 },
            { value: "other", label: "Another way", risk: 0 },
          ],
        },
      ],
    },
    {
      id: "questions",
      title: "Your questions for the consultation",
      intro: "Many people want to ask these questions before starting ketamine. Choose the ones you want to discuss.",
      minutes: 1,
      items: [
        {
          // Each option lists the answers shown with that question on the therapist's summary.
          id: "questions_selected",
          type: "multi",
          required: true,
          mayBeEmpty: true,
          label: "Which of these would you like to discuss?",
          help: "Choose any that apply, or none.",
          options: [
            {
              value: "type_safety",
              label: "Is ketamine safe for my bipolar type (I or II)?",
              risk: 0,
              relatedItems: ["bipolar_type", "on_mood_medication", "current_mood_medications", "mania_last_12_months", "antidepressant_switch_history"],
            },
            {
              value: "mood_stabilizer",
              label: "Should I be on a mood stabilizer during treatment?",
              risk: 0,
              relatedItems: ["on_mood_medication", "current_mood_medications"],
            },
            {
              value: "schedule",
              label: "What do the acute and maintenance schedules look like?",
              risk: 0,
              relatedItems: ["has_escort", "support_person", "prior_ketamine", "prior_ketamine_routes", "prior_ketamine_response"],
            },
            {
              value: "integration",
              label: "How will integration therapy be handled?",
              risk: 0,
              relatedItems: ["in_psychotherapy_now", "support_person"],
            },
            {
              value: "outcomes",
              label: "What outcomes do you typically see in people with bipolar disorder?",
              risk: 0,
              relatedItems: ["had_past_treatments", "past_treatment_trials", "prior_ketamine", "prior_ketamine_response"],
            },
            {
              value: "long_term_safety",
              label: "How is safety tracked over the long term?",
              risk: 0,
              relatedItems: [
                "hypertension_diagnosed",
                "bp_controlled",
                "bp_recent_systolic",
                "bp_recent_diastolic",
                "bp_recent_date",
                "other_conditions",
                "auditc_1",
                "auditc_2",
                "auditc_3",
                "cannabis_use",
                "drugs_past_12_months",
                "substance_problems",
                "prior_ketamine_adverse",
              ],
            },
          ],
        },
        { id: "questions_other", type: "text", maxLength: 2000, required: false, label: "Anything else you would like to ask?" },
        { id: "goals", type: "text", maxLength: 2000, required: false, label: "What do you hope treatment will change for you?" },
      ],
    },
  ],
} as const satisfies QuestionnaireDef;

/** Every version this server accepts, oldest first; the form sends the last. */
export const QUESTIONNAIRE_VERSIONS = ["1", "2"] as const;
export type QuestionnaireVersion = (typeof QUESTIONNAIRE_VERSIONS)[number];
export const CURRENT_VERSION: QuestionnaireVersion = "2";
export const QUESTIONNAIRE_ID = QUESTIONNAIRE_V1.id;

const QUESTIONNAIRES: Readonly<Record<QuestionnaireVersion, QuestionnaireDef>> = {
  "1": QUESTIONNAIRE_V1,
  "2": applyDelta(QUESTIONNAIRE_V1, VERSION_2),
};

export function isQuestionnaireVersion(value: unknown): value is QuestionnaireVersion {
  return (QUESTIONNAIRE_VERSIONS as readonly unknown[]).includes(value);
}

/** The definition of one version (stored intakes name theirs; anything else is a programming error). */
export function questionnaireFor(version: string): QuestionnaireDef {
  if (!isQuestionnaireVersion(version)) throw new Error(`Unknown questionnaire version ${JSON.stringify(version)}`);
  return QUESTIONNAIRES[version];
}

/** The version the form asks. */
export const questionnaire: QuestionnaireDef = QUESTIONNAIRES[CURRENT_VERSION];

// The static types cover every item of every version (a superset): answers to items a version
// does not ask are simply absent, as hidden items are.
type V1Item = (typeof QUESTIONNAIRE_V1)["sections"][number]["items"][number];
type OptionsAdded = (typeof VERSION_2)["options"][number];
type WithAddedOptions<I> = I extends { readonly id: infer Id; readonly options: infer O extends readonly unknown[] }
  ? [Extract<OptionsAdded, { readonly item: Id }>] extends [never]
    ? I
    : Omit<I, "options"> & { readonly options: readonly [...O, ...Extract<OptionsAdded, { readonly item: Id }>["options"]] }
  : I;
export type Item = WithAddedOptions<V1Item> | (typeof VERSION_2)["items"][number]["item"];
export type ItemId = Item["id"];
export type SectionId = (typeof QUESTIONNAIRE_V1)["sections"][number]["id"];

const definedItems = questionnaire.sections.flatMap((s) => s.items) as readonly Item[];

/** One item with its literal type (its options as literal values), for code written against one item. */
export function definedItem<Id extends ItemId>(id: Id): Extract<Item, { readonly id: Id }> {
  return definedItems.find((i) => i.id === id) as Extract<Item, { readonly id: Id }>;
}

/** Every item of the current version, in questionnaire order, with its literal type. */
export const DEFINED_ITEMS = definedItems;
