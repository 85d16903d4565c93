package dev.socra.core.interview;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The founder's words as evidence: the quotation a reason opens with, whether it is verbatim, and
 * whether it holds a number. Comparison forgives what copying text changes (case, curly quotes,
 * dashes, spacing, a trailing full stop), not what it means.
 */
public final class Quotes {
  /**
   * A reason that opens with a quotation: straight, curly or low double quotes, or guillemets. A
   * quotation in curly quotes or guillemets may hold straight ones: the founder's own quotation
   * marks, kept as typed.
   */
  private static final Pattern LEADING =
      Pattern.compile(
          "^\\s*(?:\"([^\"“”„«»]{2,600})[\"”»]|[“„]([^“”„]{2,600})[”“]|«([^«»]{2,600})»"
              + "|»([^«»]{2,600})«)");

  /** Any opening mark with any closing one, holding no quotation mark: how models slip. */
  private static final Pattern LEADING_ANY =
      Pattern.compile("^\\s*[\"“”„«»]([^\"“”„«»]{2,600})[\"“”„«»]");

  private static final Pattern DIGIT = Pattern.compile("\\p{Nd}");

  /**
   * Number words beyond the counts: "one clinic", "once a week" or "none of them" in a quotation
   * still state a number the founder gave.
   */
  private static final Set<String> OTHER_NUMBER_WORDS =
      Set.of("one", "once", "twice", "single", "none", "zero");

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");

  /**
   * Tags and the look-alikes the founder's typed tags become in a prompt: markup, not words, and a
   * model quoting around them should still match.
   */
  private static final Pattern MARKUP = Pattern.compile("<[/\u2215]?[A-Za-z]+>|‹[a-z]+›");

  private Quotes() {}

  /** The quotation a text opens with, without its marks; empty when it opens otherwise. */
  public static Optional<String> leading(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = LEADING.matcher(text);
    if (!m.find()) {
      m = LEADING_ANY.matcher(text);
      if (!m.find()) {
        return Optional.empty();
      }
    }
    for (int g = 1; g <= m.groupCount(); g++) {
      if (m.group(g) != null) {
        return Optional.of(m.group(g).strip());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code quote} occurs word for word in one of {@code texts}. An ellipsis may stand for
   * words left out: each part must then occur, in order.
   */
  public static boolean verbatimIn(String quote, List<String> texts) {
    if (unspaced(quote)) {
      // Chinese, Japanese, Thai…: words are not spaced, so compare the letters alone
      String q = letters(quote);
      return q.codePointCount(0, q.length()) >= 2
          && texts.stream().anyMatch(t -> t != null && letters(t).contains(q));
    }
    String[] parts = quote.split("\\.\\.\\.|…");
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      String t = normal(text);
      int from = 0;
      boolean all = true;
      boolean any = false;
      for (String part : parts) {
        String p = normal(part);
        if (p.isEmpty()) {
          continue;
        }
        int at = t.indexOf(p, from);
        if (at < 0) {
          all = false;
          break;
        }
        any = true;
        // the next part may start at the space this one ended on
        from = at + p.length() - 1;
      }
      if (all && any) {
        return true;
      }
    }
    return false;
  }

  /** Whether a text holds a number: a digit or a number word ("twelve", "a dozen"). */
  public static boolean hasNumber(String text) {
    if (text == null) {
      return false;
    }
    if (DIGIT.matcher(text).find()) {
      return true;
    }
    Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
    while (m.find()) {
      if (CountWords.contains(m.group()) || OTHER_NUMBER_WORDS.contains(m.group())) {
        return true;
      }
    }
    return false;
  }

  /** The words of a text, as {@link #verbatimIn} compares them. */
  static List<String> words(String text) {
    Matcher m = WORD.matcher(text);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static boolean unspaced(String text) {
    return text.codePoints()
        .anyMatch(
            c -> {
              Character.UnicodeScript script = Character.UnicodeScript.of(c);
              return script == Character.UnicodeScript.HAN
                  || script == Character.UnicodeScript.HIRAGANA
                  || script == Character.UnicodeScript.KATAKANA
                  || script == Character.UnicodeScript.THAI;
            });
  }

  private static String letters(String text) {
    return Normalizer.normalize(MARKUP.matcher(text).replaceAll(" "), Normalizer.Form.NFKC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{N}]", "");
  }

  /**
   * The words in lower case, one space apart, with a space at each end so that a search matches
   * whole words only: punctuation, quote marks and spacing a copy may change are gone.
   */
  static String normal(String text) {
    String t =
        Normalizer.normalize(MARKUP.matcher(text).replaceAll(" "), Normalizer.Form.NFKC)
            .toLowerCase(Locale.ROOT)
            .replace('’', '\'')
            .replace('‘', '\'');
    List<String> w = words(t);
    return w.isEmpty() ? "" : " " + String.join(" ", w) + " ";
  }
}
