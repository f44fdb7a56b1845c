package dev.leeway.insights;

import dev.leeway.insights.AnswerDigest.ActionDigest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The digest's two text columns: the plays offered (one id a line) and the actions (one a line,
 * fields separated by tabs). Backslash, tab and line feed within a field are written {@code \\},
 * {@code \t} and {@code \n}, so any text goes through unchanged. An action's fields: play, action,
 * kind, decision, amount, the check that held it back, the rule, and the cap in force ({@code
 * amount;count;days}, empty parts for none; the whole field empty when not known).
 */
final class DigestText {

  private static final int FIELDS = 8;

  private DigestText() {}

  static String plays(List<String> plays) {
    StringBuilder out = new StringBuilder();
    for (String play : plays) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      escape(out, play);
    }
    return out.toString();
  }

  static List<String> plays(String text) {
    List<String> plays = new ArrayList<>();
    for (List<String> line : lines(text)) {
      plays.add(line.get(0));
    }
    return plays;
  }

  static String actions(List<ActionDigest> actions) {
    StringBuilder out = new StringBuilder();
    for (ActionDigest a : actions) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      escape(out, a.playId());
      out.append('\t');
      escape(out, a.actionId());
      out.append('\t');
      escape(out, a.kind());
      out.append('\t').append(a.decision().name()).append('\t');
      a.amount().ifPresent(amount -> out.append(amount.toPlainString()));
      out.append('\t');
      a.heldBack().ifPresent(h -> escape(out, h.subject()));
      out.append('\t');
      a.rule().ifPresent(rule -> escape(out, rule));
      out.append('\t');
      a.cap()
          .ifPresent(
              cap ->
                  out.append(cap.amount() == null ? "" : cap.amount().toPlainString())
                      .append(';')
                      .append(cap.count() == null ? "" : cap.count())
                      .append(';')
                      .append(cap.periodDays() == null ? "" : cap.periodDays()));
    }
    return out.toString();
  }

  /**
   * The actions written by {@link #actions(List)}; a line this version cannot read (a decision it
   * does not know) is left out, as the JSON reader leaves such an action out.
   */
  static List<ActionDigest> actions(String text) {
    List<ActionDigest> actions = new ArrayList<>();
    for (List<String> f : lines(text)) {
      if (f.size() < FIELDS) {
        continue;
      }
      Optional<DecisionKind> decision = DecisionKind.named(f.get(3));
      if (decision.isEmpty()) {
        continue;
      }
      actions.add(
          new ActionDigest(
              f.get(0),
              f.get(1),
              f.get(2),
              decision.get(),
              f.get(4).isEmpty() ? Optional.empty() : Optional.of(new BigDecimal(f.get(4))),
              HeldBack.bySubject(f.get(5)),
              f.get(6).isEmpty() ? Optional.empty() : Optional.of(f.get(6)),
              cap(f.get(7))));
    }
    return actions;
  }

  private static Optional<Cap> cap(String field) {
    if (field.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = field.split(";", -1);
    return Optional.of(
        new Cap(
            parts[0].isEmpty() ? null : new BigDecimal(parts[0]),
            parts[1].isEmpty() ? null : Integer.valueOf(parts[1]),
            parts[2].isEmpty() ? null : Integer.valueOf(parts[2])));
  }

  private static void escape(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        default -> out.append(ch);
      }
    }
  }

  /** The lines of {@code text}, each split into its unescaped fields. */
  private static List<List<String>> lines(String text) {
    List<List<String>> lines = new ArrayList<>();
    if (text.isEmpty()) {
      return lines;
    }
    List<String> fields = new ArrayList<>(FIELDS);
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        field.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
      } else if (ch == '\t') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (ch == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        lines.add(fields);
        fields = new ArrayList<>(FIELDS);
      } else {
        field.append(ch);
      }
    }
    fields.add(field.toString());
    lines.add(fields);
    return lines;
  }
}
