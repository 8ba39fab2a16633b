import { StyleSheet, Text, View } from "@react-pdf/renderer";
import { FONT_FAMILY } from "./fonts";
import type { AnswerSection, LabelledAnswer } from "./pdf-content";

/** Shared layout pieces of the two PDFs. */

export const styles = StyleSheet.create({
  // No lineHeight on the page (the page-number text would inherit it); text styles carry it, in
  // points ("13.5pt"): a unitless one is resolved against the style's own font size, 18 pt unless set there.
  page: { fontFamily: FONT_FAMILY, fontSize: 10, paddingTop: 40, paddingBottom: 64, paddingHorizontal: 48, color: "#1b1f24" },
  title: { fontSize: 18, fontWeight: 700, lineHeight: 1.25, marginBottom: 6 },
  subtitle: { fontSize: 11, color: "#4a5560", marginBottom: 12 },
  h2: { fontSize: 13, fontWeight: 700, marginTop: 14, marginBottom: 6, paddingBottom: 2, borderBottomWidth: 1, borderBottomColor: "#c4ccd3" },
  h3: { fontSize: 11, fontWeight: 700, marginTop: 8, marginBottom: 3 },
  para: { marginBottom: 4, lineHeight: "14pt" },
  muted: { color: "#4a5560", lineHeight: "14pt" },
  row: { flexDirection: "row", paddingVertical: 3, borderBottomWidth: 0.5, borderBottomColor: "#dde3e8" },
  rowLabel: { width: "45%", paddingRight: 8, fontWeight: 700, lineHeight: "13.5pt" },
  rowValue: { width: "55%", lineHeight: "13.5pt" },
  banner: { borderWidth: 2, borderColor: "#b00020", backgroundColor: "#fdeeee", padding: 8, marginVertical: 8, lineHeight: "13.5pt" },
  bannerTitle: { color: "#b00020", fontSize: 13, fontWeight: 700, marginBottom: 4 },
  card: { borderWidth: 1, borderColor: "#c4ccd3", padding: 8, marginBottom: 6, lineHeight: "13.5pt" },
  headline: { fontSize: 12, fontWeight: 700, marginBottom: 6 },
  severity: { fontWeight: 700 },
  evidence: { marginLeft: 10, paddingLeft: 6, borderLeftWidth: 2, borderLeftColor: "#c4ccd3", marginTop: 2 },
  footerRule: { position: "absolute", bottom: 50, left: 48, right: 48, borderTopWidth: 0.5, borderTopColor: "#c4ccd3" },
  footerTop: { position: "absolute", bottom: 38, left: 48, right: 48, fontSize: 7.5, lineHeight: "9.5pt", color: "#4a5560" },
  footerBottom: { position: "absolute", bottom: 26, left: 48, right: 110, fontSize: 7.5, lineHeight: "9.5pt", color: "#4a5560" },
  // No lineHeight here or inherited: react-pdf (4.9) drops a `render` text that has one.
  footerPage: { position: "absolute", bottom: 26, right: 48, width: 60, textAlign: "right", fontSize: 7.5, color: "#4a5560" },
  crisis: { borderWidth: 1.5, borderColor: "#b35c00", backgroundColor: "#fff4e5", padding: 8, marginVertical: 8, lineHeight: "13.5pt" },
});

export function AnswerRow({ answer }: { answer: LabelledAnswer }) {
  return (
    <View style={styles.row} wrap={false}>
      <Text style={styles.rowLabel}>{answer.label}</Text>
      <View style={styles.rowValue}>
        {answer.lines.map((line, i) => (
          <Text key={i}>{line}</Text>
        ))}
      </View>
    </View>
  );
}

/** A long free-text answer may run over pages: the row is allowed to break, the label stays with its first lines. */
export function LongAnswerRow({ answer }: { answer: LabelledAnswer }) {
  return (
    <View style={styles.row}>
      <Text style={styles.rowLabel}>{answer.label}</Text>
      <View style={styles.rowValue}>
        {answer.lines.map((line, i) => (
          <Text key={i}>{line}</Text>
        ))}
      </View>
    </View>
  );
}

const LONG = 400;

export function AnswerList({ answers }: { answers: LabelledAnswer[] }) {
  return (
    <View>
      {answers.map((a, i) =>
        a.lines.join(" ").length > LONG ? <LongAnswerRow key={i} answer={a} /> : <AnswerRow key={i} answer={a} />,
      )}
    </View>
  );
}

export function AllAnswers({ sections }: { sections: AnswerSection[] }) {
  return (
    <View>
      {sections.map((s) => (
        <View key={s.title}>
          <Text style={styles.h3} minPresenceAhead={40}>
            {s.title}
          </Text>
          <AnswerList answers={s.answers} />
        </View>
      ))}
    </View>
  );
}

/**
 * The footer on every page, as separate fixed, absolutely placed texts.
 */
export function Footer({ left, right }: { left: string; right: string }) {
  return (
    <>
      <View style={styles.footerRule} fixed />
      <Text style={styles.footerTop} fixed>
        {left}
      </Text>
      <Text style={styles.footerBottom} fixed>
        {right}
      </Text>
      <Text style={styles.footerPage} fixed render={({ pageNumber, totalPages }) => `Page ${pageNumber} of ${totalPages}`} />
    </>
  );
}
