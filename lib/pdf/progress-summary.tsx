import { Document, Page, StyleSheet, Text, View } from "@react-pdf/renderer";
import { formatDate } from "@/lib/questionnaire/format-answer";
import { calendarDateIn } from "@/lib/questionnaire/dates";
import { formatInstant } from "./pdf-content";
import { AnswerLine, AnswerList, EndMark, Footer, styles, type PageCounter } from "./pdf-parts";
import { ChartBlock } from "./progress-charts";
import { letterParagraphs, progressContent, type ProgressSummaryInput, type TableContent } from "./progress-content";

export type { ProgressSummaryInput } from "./progress-content";

const table = StyleSheet.create({
  row: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#c4ccd3", paddingVertical: 2 },
  head: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#1b3a57", paddingBottom: 2 },
  cell: { fontSize: 8, lineHeight: "10pt", paddingRight: 4 },
  headCell: { fontSize: 8, lineHeight: "10pt", paddingRight: 4, fontWeight: 700 },
});

/** A table as rows of texts (no cell views: layout cost grows with nodes); a row never splits across pages. */
function Table({ content, empty }: { content: TableContent; empty: string }) {
  if (content.rows.length === 0) return <Text style={styles.line}>{empty}</Text>;
  const header = (
    <View style={table.head}>
      {content.headers.map((h, i) => (
        <Text key={i} style={[table.headCell, { width: content.widths[i] }]}>
          {h}
        </Text>
      ))}
    </View>
  );
  return (
    <View>
      {header}
      {content.rows.map((row, r) => (
        <View key={r} style={table.row} wrap={false}>
          {row.map((cell, i) => (
            <Text key={i} style={[table.cell, { width: content.widths[i] }]}>
              {cell}
            </Text>
          ))}
        </View>
      ))}
    </View>
  );
}

/** The covering letter to the referring physician: the first page, the summary after it. */
function Letter({ letter, input }: { letter: NonNullable<ProgressSummaryInput["letter"]>; input: ProgressSummaryInput }) {
  return (
    <View>
      <Text style={styles.line}>{input.clinicName}</Text>
      <Text style={[styles.line, { marginBottom: 12 }]}>{formatDate(calendarDateIn(new Date(input.generatedAt), input.timeZone))}</Text>
      <Text style={[styles.para, { marginBottom: 10 }]}>To: {letter.addressee}</Text>
      <Text style={[styles.para, styles.bold]}>Re: {input.clientName} — progress in a course of ketamine-assisted therapy (started {formatDate(input.course.startedOn)})</Text>
      {letterParagraphs(letter.paragraph).map((p, i) => (
        <Text key={i} style={styles.para}>
          {p}
        </Text>
      ))}
      <Text style={[styles.para, { marginTop: 10 }]}>{letter.from}</Text>
      <Text style={styles.muted}>The progress summary of the course follows.</Text>
    </View>
  );
}

export function ProgressSummary({ input }: { input: ProgressSummaryInput }) {
  const content = progressContent(input);
  const pages: PageCounter = { count: 0 };
  return (
    <Document title={`Course progress summary ${input.reference}`} author={input.clinicName} creator="Ketamine intake" producer="Ketamine intake">
      <Page size="LETTER" style={styles.page}>
        <Footer
          pages={pages}
          left={`CONFIDENTIAL — personal health information of a client of ${input.clinicName}. For the client's care team only.`}
          right={`${input.reference} · course progress summary · generated ${formatInstant(input.generatedAt, input.timeZone)}`}
        />
        {input.letter && <Letter letter={input.letter} input={input} />}
        <View break={!!input.letter}>
          <Text style={styles.title}>{input.clientName}</Text>
          <Text style={styles.subtitle}>
            Progress summary of a course of ketamine-assisted therapy · intake {input.reference} · {input.clinicName}
          </Text>
        </View>
        <Text style={styles.h2}>The course</Text>
        <AnswerList answers={content.facts} />

        <Text style={styles.h2} minPresenceAhead={40}>
          Phases
        </Text>
        {content.phases.map((p, i) => (
          <Text key={i} style={styles.line}>
            {p}
          </Text>
        ))}

        <View wrap={false}>
          <Text style={styles.h2}>Outcome so far</Text>
          <AnswerList answers={content.outcome} />
          <Text style={styles.muted}>{content.outcomeNote}</Text>
        </View>

        <Text style={styles.h2} minPresenceAhead={120}>
          Charts
        </Text>
        <ChartBlock model={content.charts.phq9} />
        <ChartBlock model={content.charts.bloodPressure} />
        <ChartBlock model={content.charts.elevation} />

        <Text style={styles.h2} minPresenceAhead={60}>
          Sessions
        </Text>
        <Table content={content.sessions} empty="No sessions recorded yet." />
        {content.corrections.map((c, i) => (
          <Text key={i} style={[styles.muted, { fontSize: 8.5 }]}>
            {c}
          </Text>
        ))}

        <Text style={styles.h2} minPresenceAhead={60}>
          Check-ins
        </Text>
        <Table content={content.checkins} empty="No check-ins received yet." />

        <Text style={styles.h2} minPresenceAhead={60}>
          Flags, most pressing first within each record
        </Text>
        {content.flags.length === 0 && <Text style={styles.line}>No flags were raised.</Text>}
        {/* The last flag (its own lines, then about 90 pt of sources key and end mark) moves with them when they do not fit. */}
        {content.flags.flatMap((f, n, all) => [
          <Text key={f.key} style={[styles.line, { marginTop: 4 }]} minPresenceAhead={n === all.length - 1 ? 28 + 14 * (f.evidence.length + 1) + 90 : 28}>
            <Text style={styles.bold}>{f.heading}</Text>
          </Text>,
          <Text key={`${f.key}-w`} style={styles.muted}>
            {f.where}
            {f.source ? ` · Sources: ${f.source}` : ""}
          </Text>,
          ...f.evidence.map((e, i) => <AnswerLine key={`${f.key}-${i}`} answer={e} style={styles.indent} />),
        ])}
        {/* The sources key and the end mark: never a page of their own apart. */}
        <View wrap={false}>
          {content.sourcesKey.length > 0 && <Text style={styles.h3}>Sources cited</Text>}
          {content.sourcesKey.map((r) => (
            <Text key={r.code} style={styles.line}>
              <Text style={styles.bold}>{r.code}</Text>: {r.meaning ?? "not in the clinic's list of sources"}
            </Text>
          ))}
          <Text style={[styles.muted, { marginTop: 4 }]}>Flags and outcomes are considerations to discuss, not a diagnosis or a decision.</Text>
          <EndMark pages={pages} what="the progress summary" />
        </View>
      </Page>
    </Document>
  );
}
