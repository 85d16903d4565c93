package dev.socra.core.interview;

import dev.socra.core.structured.Separator;
import dev.socra.llm.TokenSink;

/**
 * Passes a streamed answer's question on to the founder and keeps the evaluation's JSON from them.
 *
 * <p>The JSON starts at the separator when it begins a line, or, when a model forgets the
 * separator, at a line that opens a JSON object or a code fence. A separator in mid-sentence (the
 * seed's small-model failure) is not a split: it is dropped from the text and the stream goes on.
 * Text that could still turn out to be the start of a split is held back until it is clear.
 */
final class SeparatorSink implements TokenSink {
  private final TokenSink founder;
  private final StringBuilder all = new StringBuilder();
  private int shown;

  SeparatorSink(TokenSink founder) {
    this.founder = founder;
  }

  @Override
  public void onToken(String text) {
    all.append(text);
    int split = split();
    show(split >= 0 ? split : safeEnd());
  }

  /** Shows whatever was held back, at the end of a stream. */
  void finish() {
    int split = split();
    show(split >= 0 ? split : all.length());
  }

  /** True when the answer carried JSON after its question. */
  boolean found() {
    return split() >= 0;
  }

  /** The question: the text before the JSON, without stray separators. */
  String question() {
    int split = split();
    return clean(all.substring(0, split >= 0 ? split : all.length())).strip();
  }

  /** The JSON part, or "" when there is none. */
  String json() {
    int split = split();
    if (split < 0) {
      return "";
    }
    String rest = all.substring(split).strip();
    return rest.startsWith(Separator.MARK) ? rest.substring(Separator.MARK.length()) : rest;
  }

  /** Where the JSON part begins: the first line that starts with the separator, '{' or '```'. */
  private int split() {
    int lineStart = 0;
    while (lineStart <= all.length()) {
      int content = lineStart;
      while (content < all.length()
          && (all.charAt(content) == ' ' || all.charAt(content) == '\t')) {
        content++;
      }
      if (startsWith(content, Separator.MARK)
          || startsWith(content, "{")
          || startsWith(content, "```")) {
        return lineStart;
      }
      int next = all.indexOf("\n", lineStart);
      if (next < 0) {
        return -1;
      }
      lineStart = next + 1;
    }
    return -1;
  }

  /**
   * How far the founder may see now: not the last line while it could still become a split (it is a
   * prefix of the separator, '{' or '```'), and never the first half of a separator.
   */
  private int safeEnd() {
    int lastLine = all.lastIndexOf("\n") + 1;
    String tail = all.substring(lastLine).stripLeading();
    if (Separator.MARK.startsWith(tail) || "```".startsWith(tail) || tail.isEmpty()) {
      return lastLine;
    }
    int end = all.length() - (Separator.MARK.length() - 1);
    // never cut through a separator already complete: show it whole, so it can be dropped whole
    for (int at = all.indexOf(Separator.MARK); at >= 0; at = all.indexOf(Separator.MARK, at + 1)) {
      if (at < end && end < at + Separator.MARK.length()) {
        end = at + Separator.MARK.length();
      }
    }
    return Math.max(shown, end);
  }

  private boolean startsWith(int at, String prefix) {
    return all.length() >= at + prefix.length()
        && all.substring(at, at + prefix.length()).equals(prefix);
  }

  private void show(int upTo) {
    if (upTo > shown) {
      String piece = clean(all.substring(shown, upTo));
      shown = upTo;
      if (!piece.isEmpty()) {
        founder.onToken(piece);
      }
    }
  }

  /** A separator that does not start a line is noise in the question. */
  private static String clean(String text) {
    return text.replace(Separator.MARK, "").replace("  ", " ");
  }
}
