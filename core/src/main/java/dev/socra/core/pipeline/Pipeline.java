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
import dev.socra.llm.LlmCallException;
import dev.socra.llm.Router;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The masterplan pipeline: five specialists in parallel, then synthesis, devil's advocate, tribunal
 * and deck. Each stage's result is saved the moment it finishes; a stage already in the session is
 * not redone, so a crashed run resumes where it stopped. Capacity is the router's business: this
 * class fires the specialists together and never knows about rate limits.
 */
public final class Pipeline {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Pipeline.class);
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
    this.structured = new StructuredOutput(router);
    this.prompts = prompts;
    this.repository = repository;
    this.events = events;
  }

  /** Runs every stage not yet done; returns the finished session. */
  public Session run(Session start) {
    this.session = start;
    String brief = IdeaBrief.of(start.interview());
    Map<Stage, String> failures = new LinkedHashMap<>();
    for (Stage stage : stages()) {
      emit(done(stage) ? new PipelineEvent.Reused(stage) : new PipelineEvent.Queued(stage));
    }
    try (ExecutorService parallel = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Specialist s : Specialist.values()) {
        if (!done(Stage.of(s))) {
          parallel.submit(
              () -> stage(Stage.of(s), prompts.specialist(s, brief), Checks.report(s), failures));
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
    Masterplan plan =
        sequential(
            Stage.SYNTHESIS,
            () -> prompts.synthesis(brief, Digest.reports(reports)),
            Checks.MASTERPLAN,
            failures);
    Critique critique =
        sequential(
            Stage.DEVILS_ADVOCATE,
            () -> prompts.devilsAdvocate(brief, Digest.masterplan(plan)),
            Checks.CRITIQUE,
            failures);
    Verdict verdict =
        sequential(
            Stage.TRIBUNAL,
            () -> prompts.tribunal(brief, Digest.findings(reports), Digest.critique(critique)),
            Checks.VERDICT,
            failures);
    sequential(
        Stage.DECK,
        () -> prompts.deck(brief, Digest.masterplan(plan), Digest.verdict(verdict)),
        Checks.DECK,
        failures);
    return session;
  }

  private <T> T sequential(
      Stage stage,
      java.util.function.Supplier<ChatRequest> request,
      Validity<T> validity,
      Map<Stage, String> failures) {
    if (!done(stage)) {
      stage(stage, request.get(), validity, failures);
      if (!failures.isEmpty()) {
        throw new PipelineFailedException(session, failures);
      }
    }
    return session.result(stage, validity.type());
  }

  private <T> void stage(
      Stage stage, ChatRequest request, Validity<T> validity, Map<Stage, String> failures) {
    long t0 = System.nanoTime();
    try {
      emit(new PipelineEvent.Started(stage));
      Structured<T> result = structured.complete(request, validity);
      StageUsage usage = StageUsage.of(stage, result.calls());
      save(stage, result.value(), usage);
      emit(new PipelineEvent.Finished(stage, usage, Duration.ofNanos(System.nanoTime() - t0)));
    } catch (StructuredOutputException e) {
      save(stage, null, StageUsage.of(stage, e.calls()));
      fail(stage, e.getMessage(), failures);
    } catch (LlmCallException e) {
      fail(stage, e.getMessage(), failures);
    } catch (RuntimeException e) {
      // anything else (a bug, a crash in a provider adapter) fails the stage, not the others
      fail(stage, e.toString(), failures);
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

  /** The stages of a full run, in order. */
  public static List<Stage> stages() {
    return List.of(
        Stage.SPECIALIST_MARKET,
        Stage.SPECIALIST_ARCHITECTURE,
        Stage.SPECIALIST_ECONOMICS,
        Stage.SPECIALIST_GO_TO_MARKET,
        Stage.SPECIALIST_RISK,
        Stage.SYNTHESIS,
        Stage.DEVILS_ADVOCATE,
        Stage.TRIBUNAL,
        Stage.DECK);
  }
}
