package dev.socra.core.interview;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the interviewer wrote, read apart: the question, then (after a {@code Replies:} line) the
 * quick replies, one a line. Small models add labels, bold and bullets of their own; those are
 * taken off. No separator has to be exact: the replies start at a line that opens with "Replies",
 * {@code ###}, a bullet or a number; a code fence or a JSON object after the question ends it too
 * (their lines are no replies).
 */
public record QuestionDraft(String question, List<String> replies) {
  /** A line that starts the replies, after the question's first line. */
  static final Pattern BLOCK =
      Pattern.compile(
          "(?i)^\\s*(?:\\*\\*|__)?\\s*(?:quick\\s+)?(?:replies|reply options|answers)\\b.*"
              + "|^\\s*#{2,}.*|^\\s*[-*•]\\s.*|^\\s*\\d+[.)]\\s.*|^\\s*```.*|^\\s*\\{.*");

  private static final Pattern LABEL =
      Pattern.compile(
          "(?i)^(?:\\*\\*|__)?\\s*(?:question|q)\\s*\\d*\\s*[:.]\\s*(?:\\*\\*|__)?\\s*");

  public QuestionDraft {
    replies = List.copyOf(replies);
  }

  public static QuestionDraft parse(String text) {
    String[] lines = (text == null ? "" : text).split("\\R", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    int block = lines.length;
    for (int i = first + 1; i < lines.length; i++) {
      if (BLOCK.matcher(lines[i]).matches()) {
        block = i;
        break;
      }
    }
    StringBuilder q = new StringBuilder();
    for (int i = first; i < block && i < lines.length; i++) {
      q.append(lines[i].strip()).append(' ');
    }
    List<String> replies = new ArrayList<>();
    boolean code = false;
    int depth = 0;
    for (int i = block; i < lines.length; i++) {
      String line = lines[i].strip();
      // code fences and JSON objects hold no replies, whatever their lines look like
      if (line.startsWith("```")) {
        code = !code;
        continue;
      }
      int before = depth;
      depth += (int) line.chars().filter(c -> c == '{' || c == '[').count();
      depth -= (int) line.chars().filter(c -> c == '}' || c == ']').count();
      depth = Math.max(0, depth);
      if (code || before > 0 || line.startsWith("{")) {
        continue;
      }
      String r = reply(lines[i]);
      if (!r.isEmpty()) {
        replies.add(r);
      }
    }
    return new QuestionDraft(cleanQuestion(q.toString()), replies);
  }

  /** The question without a "Question 2:" label, bold or wrapping quotes. */
  static String cleanQuestion(String text) {
    String q = text.replaceAll("\\s+", " ").strip();
    q = LABEL.matcher(q).replaceFirst("");
    q = q.replaceAll("^(\\*\\*|__)|(\\*\\*|__)$", "").strip();
    if (q.length() > 1
        && (q.startsWith("\"") && q.endsWith("\"") || q.startsWith("“") && q.endsWith("”"))
        && q.chars().filter(c -> c == '"' || c == '“' || c == '”').count() == 2) {
      q = q.substring(1, q.length() - 1).strip();
    }
    return q;
  }

  /** One reply line without its bullet, number or quotes; "" for a header or a rule. */
  private static String reply(String line) {
    String r = line.strip();
    if (r.matches(
            "(?i)(?:\\*\\*|__)?\\s*(?:quick\\s+)?(?:replies|reply options|answers)\\s*:?\\s*(?:\\*\\*|__)?\\s*:?")
        || r.matches("#+.*")
        || r.startsWith("```")
        || r.startsWith("{")
        || r.startsWith("}")) {
      return "";
    }
    r = r.replaceFirst("(?i)^(?:\\*\\*|__)?\\s*(?:quick\\s+)?replies\\s*:\\s*(?:\\*\\*|__)?", "");
    r = r.replaceFirst("^(?:[-*•]|\\d+[.)])\\s+", "").strip();
    if (r.length() > 1
        && (r.startsWith("\"") && r.endsWith("\"") || r.startsWith("“") && r.endsWith("”"))) {
      r = r.substring(1, r.length() - 1).strip();
    }
    return r;
  }
}
