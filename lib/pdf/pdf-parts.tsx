import { Canvas, StyleSheet, Text, View } from "@react-pdf/renderer";
import { FONT_FAMILY, pageNumberFontFile } from "./fonts";
import { labelSeparator, type AnswerSection, type LabelledAnswer } from "./pdf-content";

/**
 * Shared layout pieces of the two PDFs. Kept flat for speed (issue 15): an answer is one text with
 * its label as a bold run, not a two-column row of views with borders; only the URGENT box, the
 * crisis box and the footer are views. Layout cost grows with nodes, not with lines of text.
 */

export const styles = StyleSheet.create({
  // No lineHeight on the page (the page-number text would inherit it); text styles carry it, in
  // points ("13.5pt"): a unitless one is resolved against the style's own font size, 18 pt unless set there.
  page: { fontFamily: FONT_FAMILY, fontSize: 10, paddingTop: 40, paddingBottom: 64, paddingHorizontal: 48, color: "#1b1f24" },
  title: { fontSize: 18, fontWeight: 700, lineHeight: 1.25, marginBottom: 4 },
  snapshot: { fontSize: 10.5, lineHeight: "14pt", marginBottom: 4 },
  subtitle: { fontSize: 9, lineHeight: "12pt", color: "#4a5560", marginBottom: 8 },
  h2: { fontSize: 13, fontWeight: 700, lineHeight: "16pt", marginTop: 10, marginBottom: 3, color: "#1b3a57" },
  h3: { fontSize: 10.5, fontWeight: 700, lineHeight: "14pt", marginTop: 5, marginBottom: 1 },
  line: { lineHeight: "13.5pt", marginBottom: 1 },
  para: { marginBottom: 4, lineHeight: "14pt" },
  muted: { color: "#4a5560", lineHeight: "13.5pt", marginBottom: 1 },
  bold: { fontWeight: 700 },
  indent: { lineHeight: "13.5pt", marginLeft: 12, marginBottom: 1 },
  banner: { borderWidth: 2, borderColor: "#b00020", backgroundColor: "#fdeeee", padding: 8, marginVertical: 6 },
  bannerTitle: { color: "#b00020", fontSize: 13, fontWeight: 700, lineHeight: "16pt", marginBottom: 2 },
  headline: { fontSize: 12, fontWeight: 700, lineHeight: "15pt", marginBottom: 4 },
  footerRule: { position: "absolute", bottom: 50, left: 48, right: 48, borderTopWidth: 0.5, borderTopColor: "#c4ccd3" },
  footerTop: { position: "absolute", bottom: 38, left: 48, right: 48, fontSize: 7.5, lineHeight: "9.5pt", color: "#4a5560" },
  footerBottom: { position: "absolute", bottom: 26, left: 48, right: 110, fontSize: 7.5, lineHeight: "9.5pt", color: "#4a5560" },
  footerPage: { position: "absolute", bottom: 26, right: 48, width: 60, height: 10 },
  crisis: { borderWidth: 1.5, borderColor: "#b35c00", backgroundColor: "#fff4e5", padding: 8, marginVertical: 8, lineHeight: "13.5pt" },
});

/** "Label: answer" as one text; an answer of several lines (rows, a typed list) starts on the next line. */
export function AnswerLine({ answer, style = styles.line, minPresenceAhead }: { answer: LabelledAnswer; style?: (typeof styles)[keyof typeof styles]; minPresenceAhead?: number }) {
  // A tab typed into a list has no glyph: it would vanish and join two words.
  const value = (answer.lines.length > 1 ? `\n${answer.lines.join("\n")}` : (answer.lines[0] ?? "")).replace(/\t/g, " ");
  // Joined as joinLabel joins them ("Label: answer", "Label? answer"), the label bold.
  return (
    <Text style={style} minPresenceAhead={minPresenceAhead}>
      <Text style={styles.bold}>{answer.label + labelSeparator(answer.label).trimEnd()}</Text>
      {value.startsWith("\n") ? value : ` ${value}`}
    </Text>
  );
}

export function AnswerList({ answers }: { answers: LabelledAnswer[] }) {
  return (
    <>
      {answers.map((a, i) => (
        <AnswerLine key={i} answer={a} />
      ))}
    </>
  );
}

/** How many of the last answers come along when what ends the document does not fit on the page. */
const TAIL_ANSWERS = 6;

/**
 * Every section's answers. `tailPresence` (points): the last few answers break to the next page
 * with what follows them (the consent line, the end mark) when that does not fit, so the last page
 * never holds only a line or two.
 */
export function AllAnswers({ sections, tailPresence = 0 }: { sections: AnswerSection[]; tailPresence?: number }) {
  const total = sections.reduce((n, s) => n + s.answers.length, 0);
  let index = 0;
  return (
    <>
      {sections.map((s) => [
        <Text key={s.id} style={styles.h3} minPresenceAhead={40}>
          {s.title}
        </Text>,
        ...s.answers.map((a, i) => {
          const tail = total - index++ <= TAIL_ANSWERS;
          return <AnswerLine key={`${s.id}-${i}`} answer={a} minPresenceAhead={tail ? tailPresence : undefined} />;
        }),
      ])}
    </>
  );
}

/**
 * The footer on every page, as separate fixed, absolutely placed texts. The page number is painted
 * on a fixed canvas, counted as the pages are drawn: a `render` text ("Page 2 of 5") makes react-pdf
 * lay the whole remaining document out again at every page break, which doubled the summary's cost
 * (issue 15). The last page says it is the last (`EndMark`), so a missing page still shows.
 */
export function Footer({ left, right, pages }: { left: string; right: string; pages: PageCounter }) {
  return (
    <>
      <View style={styles.footerRule} fixed />
      <Text style={styles.footerTop} fixed>
        {left}
      </Text>
      <Text style={styles.footerBottom} fixed>
        {right}
      </Text>
      <Canvas
        style={styles.footerPage}
        fixed
        paint={(painter, width) => {
          pages.count += 1;
          painter.font(pageNumberFontFile(), 7.5).fillColor("#4a5560").text(`Page ${pages.count}`, 0, 0, { width, align: "right" });
          return null;
        }}
      />
    </>
  );
}

/** One document's pages, counted while they are drawn (a new counter for every render). */
export interface PageCounter {
  count: number;
}

/** The document's last line: "End of the document — N pages", N read when the last page is drawn. */
export function EndMark({ pages, what }: { pages: PageCounter; what: string }) {
  return (
    <Canvas
      style={{ height: 12, marginTop: 4 }}
      paint={(painter, width) => {
        painter.font(pageNumberFontFile(), 8).fillColor("#4a5560").text(`End of ${what} — ${pages.count} page${pages.count === 1 ? "" : "s"}`, 0, 2, { width, align: "center" });
        return null;
      }}
    />
  );
}
