package dev.socra.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Pipeline;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.session.Session;
import dev.socra.server.account.SocraUser;
import dev.socra.server.live.EventLog;
import dev.socra.server.live.SseStream;
import dev.socra.server.sessions.SessionService;
import dev.socra.server.store.SessionStatus;
import dev.socra.server.store.SessionStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The pipeline as it runs: five specialist cards, then synthesis, devil's advocate, tribunal and
 * deck, each card replaced live from the pipeline's events; at the end, the way to the masterplan
 * (or a calm "resume").
 */
@Controller
class PipelinePages {
  private final SessionService sessions;
  private final SessionStore store;
  private final StreamFragments fragments;
  private final ObjectMapper json;

  PipelinePages(
      SessionService sessions, SessionStore store, StreamFragments fragments, ObjectMapper json) {
    this.sessions = sessions;
    this.store = store;
    this.fragments = fragments;
    this.json = json;
  }

  /** Where the pipeline stands, for its page and its outcome fragment. */
  record PipelineView(
      String id,
      String idea,
      String status,
      String statusDetail,
      String decision,
      List<StageCard> specialists,
      List<StageCard> steps) {

    public boolean done() {
      return status.equals(SessionStatus.DONE.id());
    }

    public boolean failed() {
      return status.equals(SessionStatus.PIPELINE_FAILED.id());
    }

    /** The verdict with what it means and what to do next; null before it is given. */
    public dev.socra.core.pipeline.Decision verdict() {
      return decision == null
          ? null
          : dev.socra.core.pipeline.Decision.valueOf(decision.toUpperCase(Locale.ROOT));
    }
  }

  @GetMapping("/sessions/{id}/pipeline")
  String page(@AuthenticationPrincipal SocraUser user, @PathVariable String id, Model model) {
    Session s = sessions.load(user, id);
    if (sessions.status(id) == SessionStatus.INTERVIEW) {
      return "redirect:/sessions/" + id;
    }
    model.addAttribute("view", view(s));
    model.addAttribute("demo", s.demo());
    model.addAttribute("demoOnly", s.demoOnly());
    return "pipeline";
  }

  @GetMapping("/sessions/{id}/pipeline/outcome")
  String outcome(@AuthenticationPrincipal SocraUser user, @PathVariable String id, Model model) {
    model.addAttribute("view", view(sessions.load(user, id)));
    return "pipeline :: outcome";
  }

  /** Runs the pipeline again after a failure: stages already done are kept. */
  @PostMapping("/sessions/{id}/pipeline")
  String resume(@AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    sessions.runPipeline(user, id);
    return "redirect:/sessions/" + id + "/pipeline";
  }

  @GetMapping("/sessions/{id}/pipeline/stream")
  void stream(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    EventLog log = sessions.pipelineEvents(user, id);
    String outcome = request.getContextPath() + "/sessions/" + id + "/pipeline/outcome";
    HtmlStream.relay(
        log,
        SseStream.lastEventId(request),
        response,
        e ->
            switch (e.name()) {
              case "stage" -> {
                StageCard card = StageCard.of(read(e));
                yield new EventLog.Event(
                    e.id(),
                    "stage-" + card.stage(),
                    fragments.render("stage-card", Map.of("card", card)));
              }
              case "done", "failed" ->
                  new EventLog.Event(
                      e.id(), "outcome", fragments.fetch(outcome, "#outcome", "innerHTML"));
              default -> null;
            });
  }

  private PipelineView view(Session s) {
    List<StageCard> cards = Pipeline.stages().stream().map(st -> StageCard.stored(s, st)).toList();
    Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
    return new PipelineView(
        s.id(),
        s.interview().idea(),
        sessions.status(s.id()).id(),
        store.statusDetail(s.id()).orElse(""),
        v == null ? null : v.decision().name().toLowerCase(Locale.ROOT),
        cards.stream().filter(StageCard::specialist).toList(),
        cards.stream().filter(c -> !c.specialist()).toList());
  }

  private JsonNode read(EventLog.Event e) {
    try {
      return json.readTree(e.data());
    } catch (IOException ex) {
      return json.createObjectNode();
    }
  }
}
