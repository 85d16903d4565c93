package dev.socra.llm;

/**
 * Receives the text of a streamed answer as it arrives: one piece at a time, in order, but not
 * necessarily on the caller's thread (the stream is read on its own). A sink that throws stops the
 * call, and the exception reaches the caller.
 */
@FunctionalInterface
public interface TokenSink {
  void onToken(String text);

  TokenSink IGNORE = text -> {};
}
