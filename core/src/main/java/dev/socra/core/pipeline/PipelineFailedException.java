package dev.socra.core.pipeline;

import dev.socra.core.persona.Stage;
import dev.socra.core.session.Session;
import java.util.Map;

/**
 * Some stages did not finish. Every finished stage is saved, so running the pipeline again on the
 * returned session redoes only these.
 */
public final class PipelineFailedException extends RuntimeException {
  private final transient Session session;
  private final Map<Stage, String> failures;

  public PipelineFailedException(Session session, Map<Stage, String> failures) {
    super("the pipeline stopped: " + failures);
    this.session = session;
    this.failures = Map.copyOf(failures);
  }

  public Session session() {
    return session;
  }

  public Map<Stage, String> failures() {
    return failures;
  }
}
