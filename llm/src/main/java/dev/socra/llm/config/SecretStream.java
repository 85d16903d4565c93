package dev.socra.llm.config;

/**
 * Scrubs text that arrives in pieces, such as the tokens of a stream, where a key could be split
 * between two pieces ({@code gsk_TES} then {@code T…}). Each piece is passed on at once, except its
 * end while that could be the start of a key: that part waits for the next piece (or {@link
 * #finish}). At most three letters or digits of a key can go out before it is recognised, which
 * reveals nothing. One stream at a time: not for use by several threads at once.
 */
public final class SecretStream {
  private final Secrets secrets;
  private final StringBuilder held = new StringBuilder();

  SecretStream(Secrets secrets) {
    this.secrets = secrets;
  }

  /** What of the text so far can be passed on now, scrubbed; possibly empty. */
  public String push(String piece) {
    if (secrets.isEmpty()) {
      return piece;
    }
    held.append(piece);
    String text = held.toString();
    int hold = secrets.holdFrom(text);
    held.setLength(0);
    held.append(text, hold, text.length());
    return hold == 0 ? "" : secrets.redact(text.substring(0, hold));
  }

  /** The end of the text, scrubbed: what was held back for a key that never came. */
  public String finish() {
    String rest = secrets.redact(held.toString());
    held.setLength(0);
    return rest;
  }
}
