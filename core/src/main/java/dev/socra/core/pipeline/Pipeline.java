package dev.socra.core.pipeline;

import dev.socra.core.persona.Prompts;
import dev.socra.core.persona.Stage;
import dev.socra.core.session.Session;
import dev.socra.core.session.SessionRepository;
import dev.socra.core.session.StageUsage;
import dev.socra.core.structured.Structured;
import dev.socra.core.structured.StructuredOutput;
import dev.socra.core.structured.StructuredOutputException;
import dev.socra.core.structured.Validity;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ChatResponse;
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import dev.socra.llm.route.TargetId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The pipeline, evidence first: five specialists in parallel; then the devil's advocate and the
 * tribunal on what they found (the founder's evidence, labelled by basis); then the masterplan,
 * shaped by the verdict; then the deck. Each stage's result is saved the moment it finishes; a
 * stage already in the session is not redone, so a crashed run resumes where it stopped. A session
 * saved part-way under the earlier order (synthesis before the critique and the verdict) keeps its
 * masterplan and gets the critique and verdict it lacks. Capacity is the router's business: this
 * class fires the specialists together and never knows about rate limits.
 */
public final class Pipeline {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pipeline.class);
  private final Router router;
  private final StructuredOutput structured;
  private final Prompts prompts;
  private final SessionRepository repository;
  private final Consumer<PipelineEvent> events;
  private Session session;

  public Pipeline(
      Router router,
      Prompts prompts,
      SessionRepository repository,
      Consumer<PipelineEvent> events) {
    this.router = router;
    this.structured = new StructuredOutput(router);
    this.prompts = prompts;
    this.repository = repository;
    this.events = events;
  }

  /** Runs every stage not yet done; returns the finished session. */
  public Session run(Session start) {
    this.session = start;
    String brief = IdeaBrief.of(start.interview());
    int answers = start.interview().answered();
    Map<Stage, String> failures = new LinkedHashMap<>();
    for (Stage stage : stages()) {
      emit(done(stage) ? new PipelineEvent.Reused(stage) : new PipelineEvent.Queued(stage));
    }
    try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Specialist s : Specialist.values()) {
        if (!done(Stage.of(s))) {
          parallel.submit(
              () ->
                  stage(
                      Stage.of(s),
                      List.of(prompts.specialist(s, brief)),
                      Checks.report(s),
                      r -> Checks.traced(r, answers),
                      failures));
        }
      }
    }
    for (Specialist s : Specialist.values()) {
      if (!done(Stage.of(s)) && !failures.containsKey(Stage.of(s))) {
        fail(Stage.of(s), "ended without a result", failures);
      }
    }
    if (!failures.isEmpty()) {
      throw new PipelineFailedException(session, failures);
    }
    Map<Specialist, SpecialistReport> reports = new EnumMap<>(Specialist.class);
    for (Specialist s : Specialist.values()) {
      reports.put(s, session.result(Stage.of(s), SpecialistReport.class));
    }
    String evidence = Digest.findings(reports);
    Critique critique =
        sequential(
            Stage.DEVILS_ADVOCATE,
            () -> List.of(prompts.devilsAdvocate(brief, evidence)),
            Checks.CRITIQUE,
            UnaryOperator.identity(),
            failures);
    Verdict verdict =
        sequential(
            Stage.TRIBUNAL,
            () -> elsewhere(prompts.tribunal(brief, evidence, Digest.critique(critique)), reports),
            Checks.VERDICT,
            TribunalRules::enforce,
            failures);
    Masterplan plan =
        sequential(
            Stage.SYNTHESIS,
            () ->
                List.of(
                    prompts.synthesis(
                        brief,
                        evidence,
                        Digest.critique(critique),
                        Digest.verdict(verdict),
                        verdict.decision())),
            Checks.MASTERPLAN,
            UnaryOperator.identity(),
            failures);
    sequential(
        Stage.DECK,
        () ->
            List.of(
                prompts.deck(
                    brief,
                    Digest.masterplan(plan),
                    Digest.verdict(verdict),
                    Digest.marketAndEconomics(reports))),
        Checks.DECK,
        UnaryOperator.identity(),
        failures);
    return session;
  }

  /**
   * The tribunal's request, sent first to another model family than the one that wrote most of the
   * findings it judges (when the route has one), then, if that fails, to any target: a judge of the
   * writer's own family tends to like what its family wrote.
   */
  private List<ChatRequest> elsewhere(ChatRequest request, Map<Specialist, SpecialistReport> r) {
    Map<String, Integer> families = new HashMap<>();
    for (Specialist s : r.keySet()) {
      StageUsage u = session.usage().get(Stage.of(s));
      if (u != null) {
        u.servedBy().forEach(t -> families.merge(ModelFamily.of(t), 1, Integer::sum));
      }
    }
    String writer =
        families.entrySet().stream()
            .max(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .orElse(null);
    List<TargetId> route = router.config().routes().getOrDefault(request.route(), List.of());
    if (writer == null || route.stream().allMatch(t -> ModelFamily.of(t).equals(writer))) {
      return List.of(request);
    }
    ChatRequest other = request;
    for (TargetId t : route) {
      if (ModelFamily.of(t).equals(writer)) {
        other = other.avoiding(t);
      }
    }
    return List.of(other, request);
  }

  private <T> T sequential(
      Stage stage,
      Supplier<List<ChatRequest>> requests,
      Validity<T> validity,
      UnaryOperator<T> rules,
      Map<Stage, String> failures) {
    if (!done(stage)) {
      stage(stage, requests.get(), validity, rules, failures);
      if (!failures.isEmpty()) {
        throw new PipelineFailedException(session, failures);
      }
    }
    return session.result(stage, validity.type());
  }

  /**
   * Runs one stage: each request in turn until one yields a valid result (a later one is a
   * fallback, such as the tribunal's on any family), which the stage's rules then adjust.
   */
  private <T> void stage(
      Stage stage,
      List<ChatRequest> requests,
      Validity<T> validity,
      UnaryOperator<T> rules,
      Map<Stage, String> failures) {
    long t0 = System.nanoTime();
    List<ChatResponse> spent = new ArrayList<>();
    emit(new PipelineEvent.Started(stage));
    for (int i = 0; i < requests.size(); i++) {
      boolean last = i == requests.size() - 1;
      try {
        Structured<T> result = structured.complete(requests.get(i), validity);
        spent.addAll(result.calls());
        StageUsage usage = StageUsage.of(stage, spent);
        save(stage, rules.apply(result.value()), usage);
        emit(new PipelineEvent.Finished(stage, usage, Duration.ofNanos(System.nanoTime() - t0)));
        return;
      } catch (StructuredOutputException e) {
        spent.addAll(e.calls());
        if (last) {
          save(stage, null, StageUsage.of(stage, spent));
          fail(stage, e.getMessage(), failures);
        }
      } catch (LlmCallException e) {
        if (last) {
          if (!spent.isEmpty()) {
            save(stage, null, StageUsage.of(stage, spent));
          }
          fail(stage, e.getMessage(), failures);
        }
      } catch (RuntimeException e) {
        // anything else (a bug, a crash in a provider adapter) fails the stage, not the others
        fail(stage, e.toString(), failures);
        return;
      }
    }
  }

  private synchronized void fail(Stage stage, String reason, Map<Stage, String> failures) {
    failures.put(stage, reason);
    emit(new PipelineEvent.Failed(stage, reason));
  }

  /** A listener that fails (a client gone away) must not fail the stage it hears about. */
  private void emit(PipelineEvent event) {
    try {
      events.accept(event);
    } catch (RuntimeException e) {
      LOG.warn("a pipeline listener failed on {}: {}", event, e.toString());
    }
  }

  private synchronized void save(Stage stage, Object value, StageUsage usage) {
    Session next = session.withUsage(usage);
    if (value != null) {
      next = next.withResult(stage, value);
    }
    session = next;
    repository.save(next);
  }

  private synchronized boolean done(Stage stage) {
    return session.results().containsKey(stage);
  }

  /** The stages of a full run, in order: the evidence, its critique and verdict, then the plan. */
  public static List<Stage> stages() {
    return List.of(
        Stage.SPECIALIST_MARKET,
        Stage.SPECIALIST_ARCHITECTURE,
        Stage.SPECIALIST_ECONOMICS,
        Stage.SPECIALIST_GO_TO_MARKET,
        Stage.SPECIALIST_RISK,
        Stage.DEVILS_ADVOCATE,
        Stage.TRIBUNAL,
        Stage.SYNTHESIS,
        Stage.DECK);
  }
}
