package dev.socra.core.interview;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a question must be, checked in code because small models drift from what their prompt says:
 * exactly one question, ending in its question mark; at most {@value #MAX_WORDS} words; no praise;
 * no hypotheticals ("would you…?" asks for an opinion about the future, which the Mom Test says is
 * worthless). The founder's words quoted in the question are not held against it.
 */
public final class QuestionCheck {
  public static final int MAX_WORDS = 40;

  /** The founder's words quoted: a quotation in curly quotes may hold straight ones. */
  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|[“„][^“”„]*[”“]|«[^«»]*»");

  private static final Pattern PRAISE =
      Pattern.compile(
          "\\b(great|excellent|love|loved|impressive|interesting|fascinating|amazing|awesome"
              + "|fantastic|wonderful|brilliant|exciting|compelling|congratulations|kudos"
              + "|good question|nice(?!-to)|thank you|thanks)\\b");
  private static final Pattern HYPOTHETICAL =
      Pattern.compile(
          "\\b(would (?:you|they|people|customers|anyone|someone|your|users|buyers|clinics"
              + "|parents|businesses|companies|a|an|the|it|this)|(?:what|how|why|who|when|where)"
              + " would|imagine|hypothetically|if you (?:had|could|were)|do you think)\\b");

  private QuestionCheck() {}

  /** What is wrong with the question; empty when it may be asked. */
  public static List<String> problems(String question) {
    List<String> out = new ArrayList<>();
    String q = question == null ? "" : question.strip();
    if (q.isEmpty()) {
      out.add("no question");
      return out;
    }
    long marks = q.chars().filter(c -> c == '?' || c == '？').count();
    if (marks == 0) {
      out.add("no question mark");
    } else if (marks > 1) {
      out.add(marks + " question marks: ask exactly one question");
    } else if (!q.replaceAll("[\\s\"”»')\\]*_]+$", "").matches("(?s).*[?？]")) {
      out.add("text after the question mark");
    }
    int words = words(q);
    if (words > MAX_WORDS) {
      out.add(words + " words: at most " + MAX_WORDS);
    }
    String own = QUOTED.matcher(q).replaceAll(" ").toLowerCase(Locale.ROOT);
    Matcher praise = PRAISE.matcher(own);
    if (praise.find()) {
      out.add("praise (\"" + praise.group(1) + "\")");
    }
    Matcher hypothetical = HYPOTHETICAL.matcher(own);
    if (hypothetical.find()) {
      out.add("a hypothetical (\"" + hypothetical.group(1) + "\"): ask what already happened");
    }
    return out;
  }

  /**
   * A question that failed its rewrite too, mended as far as code can: only the first question (up
   * to its question mark) is kept, and an opening sentence of praise is dropped.
   */
  public static String mend(String question) {
    String q = question.strip();
    int mark = firstMark(q);
    if (mark >= 0) {
      q = q.substring(0, mark + 1);
    }
    String[] sentences = q.split("(?<=[.!])\\s+", 2);
    if (sentences.length == 2 && PRAISE.matcher(sentences[0].toLowerCase(Locale.ROOT)).find()) {
      q = sentences[1];
    }
    return q.strip();
  }

  private static int firstMark(String q) {
    int a = q.indexOf('?');
    int b = q.indexOf('？');
    return a < 0 ? b : b < 0 ? a : Math.min(a, b);
  }

  /** Words separated by spaces; in unspaced scripts, two characters count as a word. */
  static int words(String text) {
    int spaced = text.isBlank() ? 0 : text.strip().split("\\s+").length;
    long unspaced =
        text.codePoints()
            .filter(
                c -> {
                  Character.UnicodeScript s = Character.UnicodeScript.of(c);
                  return s == Character.UnicodeScript.HAN
                      || s == Character.UnicodeScript.HIRAGANA
                      || s == Character.UnicodeScript.KATAKANA;
                })
            .count();
    return spaced + (int) (unspaced / 2);
  }
}
