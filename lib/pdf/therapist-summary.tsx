import { Document, Page, Text, View } from "@react-pdf/renderer";
import { forDisplay, SEVERITY_WORDING, TRIAGE_WORDING, type Assessment } from "@/lib/assessment";
import { questionnaire } from "@/lib/questionnaire";
import { consentSentence, scoreLines, type ConsentRecord } from "@/lib/intake-summary";
import { answersBySection, consultationQuestions, evidenceLines, formatInstant, labelled, type LabelledAnswer } from "./pdf-content";
import { AllAnswers, AnswerList, Footer, styles } from "./pdf-parts";

/** Everything the therapist summary needs; plain data, so it can cross to a worker thread. */
export interface TherapistSummaryInput {
  intakeId: string;
  reference: string;
  receivedAt: string;
  submittedAt: string;
  answers: Record<string, unknown>;
  assessment: Assessment;
  consent?: ConsentRecord;
  generatedAt: string;
  timeZone: string;
  clinicName: string;
}

const present = (a: LabelledAnswer | undefined): a is LabelledAnswer => !!a;

export function TherapistSummary({ input }: { input: TherapistSummaryInput }) {
  const { answers, assessment } = input;
  const considerations = forDisplay(assessment.considerations);
  const urgent = considerations.filter((c) => c.severity === "urgent_safety");
  const questions = consultationQuestions(answers, assessment);
  const name = String(answers.full_name ?? "");
  const preferred = answers.preferred_name ? ` (${String(answers.preferred_name)})` : "";
  const keyDetails = [
    "emergency_contact_name",
    "emergency_contact_phone",
    "phone",
    "email",
    "preferred_contact",
    "ok_to_leave_message",
    "family_doctor",
    "prescriber",
  ]
    .map((id) => labelled(id, answers))
    .filter(present);
  const medicines = ["on_mood_medication", "current_mood_medications", "other_medications", "benzodiazepine_use", "medication_list", "drug_allergies"]
    .map((id) => labelled(id, answers))
    .filter(present);

  return (
    <Document title={`Intake summary ${input.reference}`} author={input.clinicName} creator="Ketamine intake" producer="Ketamine intake">
      <Page size="LETTER" style={styles.page}>
        <Footer
          left={`CONFIDENTIAL — personal health information of a client of ${input.clinicName}. Do not share outside the care team.`}
          right={`${input.reference} · questionnaire ${questionnaire.id} v${questionnaire.version} · rules ${assessment.ruleSetVersion} · generated ${formatInstant(input.generatedAt, input.timeZone)}`}
        />
        <Text style={styles.title}>
          {name}
          {preferred}
        </Text>
        <Text style={styles.subtitle}>
          Intake {input.reference} · submitted {formatInstant(input.submittedAt, input.timeZone)} · age {assessment.scores.age}
        </Text>

        <Text style={styles.headline}>{TRIAGE_WORDING[assessment.triage]}</Text>
        {urgent.length > 0 && (
          <View style={styles.banner} wrap={false}>
            <Text style={styles.bannerTitle}>URGENT — safety considerations</Text>
            {urgent.flatMap((c) => evidenceLines(c)).map((e, i) => (
              <Text key={i}>
                {e.label}: {e.lines.join("; ")}
              </Text>
            ))}
          </View>
        )}

        <Text style={styles.h2} minPresenceAhead={60}>
          Scores
        </Text>
        <AnswerList answers={scoreLines(assessment)} />
        <Text style={[styles.para, styles.muted, { marginTop: 6 }]}>
          Considerations to discuss, not a decision. Rule set {assessment.ruleSetVersion}, reference date {assessment.referenceDate}.
        </Text>

        <Text style={styles.h2}>Considerations, most pressing first</Text>
        {considerations.length === 0 && <Text>No considerations were raised.</Text>}
        {considerations.map((c) => (
          <View key={c.id} style={styles.card} wrap={false}>
            <Text>
              <Text style={styles.severity}>{SEVERITY_WORDING[c.severity]}: </Text>
              {c.title}
            </Text>
            <Text style={styles.muted}>{c.rationale}</Text>
            {evidenceLines(c).map((e, i) => (
              <Text key={i} style={styles.evidence}>
                {e.label}: {e.lines.join("; ")}
              </Text>
            ))}
          </View>
        ))}

        <Text style={styles.h2} break>
          The client&apos;s questions for the consultation
        </Text>
        {questions.length === 0 && <Text>The client did not choose any of the checklist questions.</Text>}
        {questions.map((q) => (
          <View key={q.question}>
            <Text style={styles.h3} minPresenceAhead={50}>
              {q.question}
            </Text>
            <AnswerList answers={q.answers} />
            {q.considerations.length > 0 && (
              <View style={{ marginTop: 3 }}>
                {q.considerations.map((c) => (
                  <Text key={c.id} style={styles.evidence}>
                    Consideration — {SEVERITY_WORDING[c.severity]}: {c.title}
                  </Text>
                ))}
              </View>
            )}
          </View>
        ))}
        <Text style={styles.h3} minPresenceAhead={50}>
          The client&apos;s own questions and goals
        </Text>
        <AnswerList answers={["questions_other", "goals"].map((id) => labelled(id, answers)).filter(present)} />

        <Text style={styles.h2} minPresenceAhead={60}>
          Contact and emergency details
        </Text>
        <AnswerList answers={keyDetails} />
        <Text style={styles.h2} minPresenceAhead={60}>
          Medicines and allergies
        </Text>
        <AnswerList answers={medicines} />

        <Text style={styles.h2} break>
          Every answer
        </Text>
        <AllAnswers sections={answersBySection(answers)} />

        <Text style={styles.h2} minPresenceAhead={40}>
          Consent
        </Text>
        <Text>
          {consentSentence(input.consent, (iso) => formatInstant(iso, input.timeZone))}
        </Text>
      </Page>
    </Document>
  );
}
