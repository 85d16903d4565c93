package dev.socra.server.store;

/** Where a session stands, as the server tracks it (the interview itself knows its turns). */
public enum SessionStatus {
  INTERVIEW("interview"),
  PIPELINE_RUNNING("pipeline-running"),
  PIPELINE_FAILED("pipeline-failed"),
  DONE("done");

  private final String id;

  SessionStatus(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static SessionStatus of(String id) {
    for (SessionStatus s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown session status " + id);
  }
}
