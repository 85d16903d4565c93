package dev.socra.llm.config.yaml;

import dev.socra.llm.config.Timeouts;
import java.time.Duration;

/** {@code timeouts:}; what is not written keeps its default. */
public record TimeoutsSection(
    Duration deadline, Duration connect, Duration firstToken, Duration stall, Duration response) {

  public Timeouts toTimeouts() {
    Timeouts.Builder b = Timeouts.builder();
    if (deadline != null) {
      b.deadline(deadline);
    }
    if (connect != null) {
      b.connect(connect);
    }
    if (firstToken != null) {
      b.firstToken(firstToken);
    }
    if (stall != null) {
      b.stall(stall);
    }
    if (response != null) {
      b.response(response);
    }
    return b.build();
  }
}
