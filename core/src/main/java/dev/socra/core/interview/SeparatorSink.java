package dev.socra.core.interview;

import dev.socra.core.structured.Separator;
import dev.socra.llm.TokenSink;

/**
 * Passes a streamed answer's text on until the separator, and keeps what follows it (the JSON) from
 * the founder. The separator may arrive split across tokens, so the last few characters are held
 * back until it is clear they are not its start.
 */
final class SeparatorSink implements TokenSink {
  private final TokenSink founder;
  private final StringBuilder all = new StringBuilder();
  private int shown;
  private boolean found;

  SeparatorSink(TokenSink founder) {
    this.founder = founder;
  }

  @Override
  public void onToken(String text) {
    all.append(text);
    if (found) {
      return;
    }
    int at = all.indexOf(Separator.MARK);
    if (at >= 0) {
      found = true;
      show(at);
      return;
    }
    show(Math.max(shown, all.length() - (Separator.MARK.length() - 1)));
  }

  /** Shows whatever was held back, at the end of a stream that had no separator. */
  void finish() {
    if (!found) {
      show(all.length());
    }
  }

  private void show(int upTo) {
    if (upTo > shown) {
      founder.onToken(all.substring(shown, upTo));
      shown = upTo;
    }
  }

  boolean found() {
    return found;
  }

  String question() {
    int at = all.indexOf(Separator.MARK);
    return (at < 0 ? all.toString() : all.substring(0, at)).strip();
  }

  String json() {
    int at = all.indexOf(Separator.MARK);
    return at < 0 ? "" : all.substring(at + Separator.MARK.length());
  }
}
