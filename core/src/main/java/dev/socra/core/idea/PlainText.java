package dev.socra.core.idea;

import java.util.Locale;

/**
 * Text a person typed holds no control characters: a NUL or an escape sequence has no meaning in an
 * idea, an answer, a name or a label, and some stores refuse them (PostgreSQL cannot keep U+0000 in
 * text at all). Long text may hold line breaks and tabs; a one-line field may not. Half of a
 * surrogate pair is refused too: it is no character, and would be stored as a question mark.
 */
public final class PlainText {
  private PlainText() {}

  /**
   * Where {@code text} first holds what plain text may not, or -1.
   *
   * @param multiline whether line breaks ({@code \n}, {@code \r}) and tabs are allowed
   */
  public static int firstRefused(String text, boolean multiline) {
    if (text == null) {
      return -1;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
          continue;
        }
        return i;
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
        continue;
      }
      if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Why {@code field} cannot be used, or null when it can: "The idea holds a control character
   * (U+0000) at position 12; only line breaks and tabs are allowed."
   *
   * @param field how the message names the field, capitalised for the start of a sentence
   */
  public static String problem(String field, String text, boolean multiline) {
    int at = firstRefused(text, multiline);
    if (at < 0) {
      return null;
    }
    char c = text.charAt(at);
    String what =
        Character.isSurrogate(c)
            ? "half of a surrogate pair"
            : "a control character (" + String.format(Locale.ROOT, "U+%04X", (int) c) + ")";
    return field
        + " holds "
        + what
        + " at position "
        + (at + 1)
        + (multiline
            ? "; only line breaks and tabs are allowed."
            : "; it must be one line of plain text.");
  }

  /** Throws {@link InvalidInputException} with {@link #problem} when the text is refused. */
  public static String check(String field, String text, boolean multiline) {
    String problem = problem(field, text, multiline);
    if (problem != null) {
      throw new InvalidInputException(problem);
    }
    return text;
  }
}
