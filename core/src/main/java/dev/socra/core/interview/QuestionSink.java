package dev.socra.core.interview;

import dev.socra.llm.TokenSink;

/**
 * Passes the question on to the founder as it is written and keeps the quick replies after it from
 * them. The question ends at its question mark or at the line that starts the replies ({@link
 * QuestionDraft#BLOCK}), whichever comes first; nothing after it is shown, so neither a second
 * question nor a misplaced replies line reaches the founder. A line after the first that could
 * still turn out to start the replies is held back until it is clear.
 *
 * <p>When the question is complete the founder is told at once ({@code questionWritten}), before
 * the replies after it are written: the founder may start answering then.
 */
final class QuestionSink implements TokenSink {
  private final TokenSink founder;
  private final Runnable questionWritten;
  private final StringBuilder all = new StringBuilder();
  private int shown;
  private boolean ended;

  QuestionSink(TokenSink founder) {
    this(founder, () -> {});
  }

  QuestionSink(TokenSink founder, Runnable questionWritten) {
    this.founder = founder;
    this.questionWritten = questionWritten;
  }

  @Override
  public void onToken(String text) {
    all.append(text);
    if (ended) {
      return;
    }
    int end = questionEnd();
    if (end >= 0) {
      show(end);
      end();
    } else {
      show(safeEnd());
    }
  }

  /** Shows whatever of the question was held back, at the end of a stream. */
  void finish() {
    if (!ended) {
      int block = blockStart();
      show(block >= 0 ? block : all.length());
      end();
    }
  }

  private void end() {
    ended = true;
    questionWritten.run();
  }

  /** Just after the first question mark, or where the replies start; -1 while neither is seen. */
  private int questionEnd() {
    int mark = -1;
    for (int i = 0; i < all.length(); i++) {
      char c = all.charAt(i);
      if (c == '?' || c == '？') {
        mark = i + 1;
        break;
      }
    }
    int block = blockStart();
    if (mark >= 0 && block >= 0) {
      return Math.min(mark, block);
    }
    return mark >= 0 ? mark : block;
  }

  /** The start of the first complete line, after the first, that opens the replies; else -1. */
  private int blockStart() {
    int firstContent = 0;
    while (firstContent < all.length() && Character.isWhitespace(all.charAt(firstContent))) {
      firstContent++;
    }
    int lineStart = all.indexOf("\n", firstContent);
    while (lineStart >= 0) {
      lineStart++;
      int next = all.indexOf("\n", lineStart);
      String line = all.substring(lineStart, next < 0 ? all.length() : next);
      // a bullet needs its space, a header its word: judge the line once it can be told
      if (QuestionDraft.BLOCK.matcher(line).matches()) {
        return lineStart;
      }
      lineStart = next;
    }
    return -1;
  }

  /** Everything but a later line short enough to still become the start of the replies. */
  private int safeEnd() {
    int lastLine = all.lastIndexOf("\n") + 1;
    boolean firstLine = all.substring(0, lastLine).isBlank();
    if (firstLine) {
      return all.length();
    }
    String tail = all.substring(lastLine).strip();
    return couldStartReplies(tail) ? lastLine : all.length();
  }

  private static boolean couldStartReplies(String tail) {
    if (tail.isEmpty()) {
      return true;
    }
    String t = tail.toLowerCase(java.util.Locale.ROOT).replaceFirst("^(\\*\\*|__)", "");
    char c = tail.charAt(0);
    return c == '#'
        || c == '`'
        || c == '{'
        || c == '-'
        || c == '*'
        || c == '•'
        || Character.isDigit(c)
        || "quick replies".startsWith(t)
        || "replies".startsWith(t)
        || "reply options".startsWith(t)
        || "answers".startsWith(t)
        || (tail.length() < 14 && (t.startsWith("replies") || t.startsWith("quick")));
  }

  private void show(int upTo) {
    if (upTo > shown) {
      String piece = all.substring(shown, upTo);
      shown = upTo;
      if (!piece.isEmpty()) {
        founder.onToken(piece);
      }
    }
  }

  /** Everything written, question and replies. */
  String text() {
    return all.toString();
  }
}
