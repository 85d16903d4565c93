package dev.socra.llm;

/** Receives the text of a streamed answer as it arrives, in order, on the caller's thread. */
@FunctionalInterface
public interface TokenSink {
  void onToken(String text);

  TokenSink IGNORE = text -> {};
}
