package dev.socra.llm.config.yaml;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** A scalar that is not what its setting takes; {@link #expected()} says what it takes. */
final class SettingMismatch extends MismatchedInputException {
  private static final long serialVersionUID = 1L;

  private final String expected;

  SettingMismatch(JsonParser p, Class<?> type, String expected) {
    super(p, "must be " + expected, type);
    this.expected = expected;
  }

  /** {@code a duration like 20s, 250ms or 1m30s}: completes "must be …". */
  String expected() {
    return expected;
  }
}
