package dev.socra.llm.testkit;

/** What the connection does once a request has been answered. */
enum After {
  /** Read the next request on the same connection. */
  KEEP_OPEN,
  /** The connection is finished (closed, reset, or abandoned by the client). */
  CLOSE
}
