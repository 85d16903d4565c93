package dev.socra.llm.internal;

import dev.socra.llm.TokenSink;
import dev.socra.llm.ToolCallDelta;

/**
 * A stream's committed answer: the text the caller's sink has received, and how the next target
 * continues it. A prefill is sent without its trailing whitespace (Anthropic refuses it), and that
 * whitespace is dropped again where the continuation repeats it. A tool call cannot be continued by
 * prefill: once a piece of one reached the caller, no other target can take the answer over.
 */
final class StreamContinuation {
  private final TokenSink caller;
  private final StringBuilder delivered = new StringBuilder();
  private boolean toolCallStarted;

  /** What every adapter writes to: text through {@link #deliver}, tool calls' pieces beside it. */
  private final TokenSink sink =
      new TokenSink() {
        @Override
        public void onToken(String text) {
          deliver(text);
        }

        @Override
        public void onToolCall(ToolCallDelta delta) {
          deliverToolCall(delta);
        }
      };

  /** Whitespace trimmed off the last prefill, to be dropped where the continuation repeats it. */
  private String skipLeading = "";

  StreamContinuation(TokenSink caller) {
    this.caller = caller;
  }

  /**
   * True once any text or piece of a tool call reached the caller: a next target must continue, not
   * start afresh.
   */
  boolean started() {
    return !delivered.isEmpty() || toolCallStarted;
  }

  /** False once a piece of a tool call reached the caller: a prefill cannot finish a tool call. */
  boolean continuable() {
    return !toolCallStarted;
  }

  /** True once a piece of a tool call reached the caller. */
  boolean toolCallStarted() {
    return toolCallStarted;
  }

  TokenSink sink() {
    return sink;
  }

  String text() {
    return delivered.toString();
  }

  int length() {
    return delivered.length();
  }

  /** The assistant text a continuing attempt sends; null for a fresh one. */
  String prefillFor(boolean continuing) {
    if (!continuing) {
      return null;
    }
    String prefill = delivered.toString().stripTrailing();
    skipLeading = delivered.substring(prefill.length());
    return prefill;
  }

  /**
   * The sink every adapter writes to: drops a repeated prefill whitespace, then commits. A failure
   * of the caller's sink comes out as {@link CallerStopped}.
   */
  void deliver(String token) {
    String t = token;
    while (!skipLeading.isEmpty() && !t.isEmpty() && t.charAt(0) == skipLeading.charAt(0)) {
      t = t.substring(1);
      skipLeading = skipLeading.substring(1);
    }
    if (t.isEmpty()) {
      return;
    }
    skipLeading = "";
    delivered.append(t);
    try {
      caller.onToken(t);
    } catch (RuntimeException e) {
      throw new CallerStopped(e);
    }
  }

  /** A piece of a tool call, passed on as it is; a failure of the caller's sink as above. */
  void deliverToolCall(ToolCallDelta delta) {
    toolCallStarted = true;
    try {
      caller.onToolCall(delta);
    } catch (RuntimeException e) {
      throw new CallerStopped(e);
    }
  }
}
