package dev.socra.core.persona;

/**
 * The founder's words travel as data, never as instructions: each piece sits between tags whose
 * closing tag cannot occur inside it, and every prompt says that text inside the tags is data.
 */
public final class FounderText {
  public static final String IDEA = "idea";
  public static final String ANSWER = "answer";
  public static final String BRIEF = "brief";

  /** Earlier stages' results: model-written, and they quote the founder. */
  public static final String MATERIAL = "material";

  /**
   * Put before an answer the founder clicked (one of the quick replies offered) rather than wrote:
   * a position, not evidence.
   */
  public static final String CLICKED = "(clicked quick reply)";

  private FounderText() {}

  /** {@code <idea>…</idea>}, with anything that looks like one of our tags defused. */
  public static String wrap(String tag, String text) {
    return "<" + tag + ">\n" + defuse(text) + "\n</" + tag + ">";
  }

  /** The text between the first pair of these tags, or null. */
  public static String unwrap(String tag, String text) {
    if (text == null) {
      return null;
    }
    String open = "<" + tag + ">";
    String close = "</" + tag + ">";
    int start = text.indexOf(open);
    int end = text.indexOf(close, start + 1);
    if (start < 0 || end < 0) {
      return null;
    }
    return text.substring(start + open.length(), end).strip();
  }

  /**
   * The founder's text as typed, from its defused form inside a prompt: what reads a prompt's
   * tagged text back (the demo stub quoting the founder) must not show the look-alikes, which exist
   * only to keep our tags whole. Escaping for a page belongs where the page is rendered.
   */
  public static String restore(String text) {
    return text == null
        ? null
        : text.replace("‹idea›", "<idea>")
            .replace("‹answer›", "<answer>")
            .replace("‹brief›", "<brief>")
            .replace("<\u2215", "</");
  }

  /** Angle brackets of would-be tags become look-alikes that cannot close ours. */
  static String defuse(String text) {
    return text.replace("</", "<\u2215")
        .replace("<idea>", "‹idea›")
        .replace("<answer>", "‹answer›")
        .replace("<brief>", "‹brief›");
  }
}
