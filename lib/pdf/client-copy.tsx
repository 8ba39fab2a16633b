import { contactSentence, type ClinicContact } from "@/lib/clinic-contact";
import { Document, Page, Text, View } from "@react-pdf/renderer";
import type { CrisisNumbers } from "@/lib/config";
import { QUESTIONNAIRE_ID } from "@/lib/questionnaire";
import { OFF_LABEL_LINES, treatmentParagraphs } from "@/lib/treatment-info";
import { answersBySection, consultationQuestions, formatInstant, labelled, type LabelledAnswer } from "./pdf-content";
import { AllAnswers, AnswerList, EndMark, Footer, styles, type PageCounter } from "./pdf-parts";

/** The client's copy: their answers and questions, what happens next, help now. No considerations, no triage. */
export interface ClientCopyInput {
  reference: string;
  submittedAt: string;
  /** The intake's own questionnaire version. */
  questionnaireVersion: string;
  answers: Record<string, unknown>;
  generatedAt: string;
  timeZone: string;
  clinicName: string;
  reviewWindow: string;
  /** What a course of treatment involves, in the clinic's words (CLINIC_TREATMENT_DESCRIPTION). */
  treatmentDescription: string;
  /** How to reach the clinic (CLINIC_PHONE, CLINIC_EMAIL); absent parts are left out. */
  clinicContact: ClinicContact;
  crisis: CrisisNumbers[keyof CrisisNumbers];
}

export function ClientCopy({ input }: { input: ClientCopyInput }) {
  const version = input.questionnaireVersion;
  const questions = consultationQuestions(input.answers, undefined, version);
  const own = ["questions_other", "goals"].map((id) => labelled(id, input.answers, version)).filter((a): a is LabelledAnswer => !!a);
  const pages: PageCounter = { count: 0 };
  const contact = contactSentence(input.clinicName, input.clinicContact);
  return (
    <Document title={`Your intake ${input.reference}`} author={input.clinicName} creator="Ketamine intake" producer="Ketamine intake">
      <Page size="LETTER" style={styles.page}>
        <Footer
          pages={pages}
          left="Your personal health information. Keep this copy private."
          right={`${input.reference} · questionnaire ${QUESTIONNAIRE_ID} v${version} · made ${formatInstant(input.generatedAt, input.timeZone)}`}
        />
        <Text style={styles.title}>Your intake for ketamine-assisted therapy</Text>
        <Text style={styles.subtitle}>
          Reference {input.reference} · sent {formatInstant(input.submittedAt, input.timeZone)} · {input.clinicName}
        </Text>
        {contact && <Text style={styles.para}>{contact} Quote your reference.</Text>}

        <Text style={styles.h2}>What happens next</Text>
        <Text style={styles.para}>1. The psychotherapist who works with {input.clinicName} reads your answers {input.reviewWindow}.</Text>
        <Text style={styles.para}>2. The clinic then contacts you the way you asked, to arrange your first consultation.</Text>
        <Text style={styles.para}>3. At the consultation you talk through your questions together. Nothing is decided before then.</Text>

        <View style={styles.crisis} wrap={false}>
          <Text style={styles.h3}>If you need help now</Text>
          {input.crisis.lines.map((line) => (
            <Text key={line.number}>
              {line.label}: {line.display}
            </Text>
          ))}
          <Text>{input.crisis.emergencyText}</Text>
          <Text>This form is not monitored in real time. The clinic reads intakes {input.reviewWindow}.</Text>
        </View>

        <Text style={styles.h2}>What treatment involves</Text>
        {treatmentParagraphs(input.treatmentDescription).map((p) => (
          <Text key={p} style={styles.para}>
            {p}
          </Text>
        ))}
        <Text style={styles.h3}>Approval and evidence</Text>
        {OFF_LABEL_LINES.map((line) => (
          <Text key={line} style={styles.para}>
            {line}
          </Text>
        ))}

        <Text style={styles.h2}>Your questions for the consultation</Text>
        {questions.length === 0 && own.length === 0 && <Text>You did not choose any questions.</Text>}
        {questions.map((q) => (
          <Text key={q.question} style={styles.para}>
            • {q.question}
          </Text>
        ))}
        <AnswerList answers={own} />

        <Text style={styles.h2} minPresenceAhead={60}>
          Your answers
        </Text>
        <AllAnswers sections={answersBySection(input.answers, version, new Set(["questions_selected", "questions_other", "goals"]))} tailPresence={100} />
        <EndMark pages={pages} what={"your copy"} />
      </Page>
    </Document>
  );
}
