package dev.socra.core.session;

import dev.socra.core.interview.Interview;
import dev.socra.core.persona.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One founder's session: the interview, every finished pipeline stage's result, and the usage of
 * every stage. Immutable; the repository keeps the latest.
 *
 * @param owner who the session belongs to: a user id on the server, {@link #LOCAL} in the terminal
 * @param results finished pipeline stages: a specialist's report, the masterplan, the critique, the
 *     verdict, the deck
 */
public record Session(
    String id,
    String owner,
    Interview interview,
    Map<Stage, Object> results,
    Map<Stage, StageUsage> usage) {
  /** The owner of sessions run in the terminal, where there are no accounts. */
  public static final String LOCAL = "local";

  /** The provider name the router gives its built-in demo stub, and no other provider. */
  public static final String DEMO_PROVIDER = "stub";

  public Session {
    results = Map.copyOf(results);
    usage = Map.copyOf(usage);
  }

  public static Session start(String id, String owner, Interview interview) {
    return new Session(id, owner, interview, Map.of(), Map.of());
  }

  public Session withInterview(Interview value) {
    return new Session(id, owner, value, results, usage);
  }

  public Session withResult(Stage stage, Object value) {
    Map<Stage, Object> r = new LinkedHashMap<>(results);
    r.put(stage, value);
    return new Session(id, owner, interview, r, usage);
  }

  /** Adds a stage's usage to what it already used (an interview has many turns). */
  public Session withUsage(StageUsage value) {
    Map<Stage, StageUsage> u = new LinkedHashMap<>(usage);
    u.merge(value.stage(), value, StageUsage::plus);
    return new Session(id, owner, interview, results, u);
  }

  /**
   * Whether Socra's built-in demo stub wrote any of this session: some stage was served by it. The
   * router reserves the stub's provider name ({@value #DEMO_PROVIDER}), so its targets are known by
   * it ({@code stub/socra-demo}).
   */
  public boolean demo() {
    return !demoStages().isEmpty();
  }

  /** The stages the demo stub served (some or all of them), in the order of {@link Stage}. */
  public List<Stage> demoStages() {
    List<Stage> out = new ArrayList<>();
    for (Stage stage : Stage.values()) {
      StageUsage u = usage.get(stage);
      if (u != null && u.servedBy().stream().anyMatch(t -> t.startsWith(DEMO_PROVIDER + "/"))) {
        out.add(stage);
      }
    }
    return out;
  }

  /** Whether every stage that ran was served by the demo stub only. */
  public boolean demoOnly() {
    return !usage.isEmpty()
        && usage.values().stream()
            .allMatch(
                u ->
                    !u.servedBy().isEmpty()
                        && u.servedBy().stream().allMatch(t -> t.startsWith(DEMO_PROVIDER + "/")));
  }

  public <T> T result(Stage stage, Class<T> type) {
    Object value = results.get(stage);
    return type.isInstance(value) ? type.cast(value) : null;
  }
}
