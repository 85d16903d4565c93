package dev.socra.core.idea;

/**
 * How long the founder's words may be. An idea is one line to a few paragraphs; an answer is a
 * reply to one question. Longer text would crowd out the interview in the model's context and cost
 * the founder tokens for nothing.
 */
public final class InputLimits {
  public static final int IDEA_MIN = 10;
  public static final int IDEA_MAX = 4_000;
  public static final int ANSWER_MIN = 1;
  public static final int ANSWER_MAX = 2_000;

  private InputLimits() {}

  /** The idea, trimmed, or an {@link InvalidInputException} saying what is wrong. */
  public static String idea(String text) {
    return check("The idea", text, IDEA_MIN, IDEA_MAX);
  }

  public static String answer(String text) {
    return check("An answer", text, ANSWER_MIN, ANSWER_MAX);
  }

  private static String check(String what, String text, int min, int max) {
    PlainText.check(what, text, true);
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new InvalidInputException(what + " is empty.");
    }
    if (t.length() < min) {
      throw new InvalidInputException(
          what + " needs at least " + min + " characters: say what it is and who it is for.");
    }
    if (t.length() > max) {
      int over = t.length() - max;
      throw new InvalidInputException(
          what
              + " is "
              + t.length()
              + " characters; the limit is "
              + max
              + ". Cut "
              + over
              + (over == 1 ? " character." : " characters."));
    }
    return t;
  }
}
