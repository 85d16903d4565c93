package dev.socra.server.web;

import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Masterplan;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.report.SessionMarkdown;
import dev.socra.core.session.Session;
import dev.socra.server.account.SocraUser;
import dev.socra.server.sessions.SessionService;
import dev.socra.server.store.SessionStatus;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The outcome: the session's Markdown document rendered with a table of contents, the verdict with
 * its rubric scores on top, a Markdown download, and a print stylesheet for a clean PDF.
 */
@Controller
class MasterplanPages {
  private final SessionService sessions;

  MasterplanPages(SessionService sessions) {
    this.sessions = sessions;
  }

  /** One rubric line: score out of 5. */
  record Rubric(String criterion, int score, String reason) {
    public int percent() {
      return score * 20;
    }
  }

  @GetMapping("/sessions/{id}/masterplan")
  String page(@AuthenticationPrincipal SocraUser user, @PathVariable String id, Model model) {
    Session s = sessions.load(user, id);
    if (s.result(Stage.SYNTHESIS, Masterplan.class) == null) {
      // not written yet: the interview or the pipeline is where this session stands
      return sessions.status(id) == SessionStatus.INTERVIEW
          ? "redirect:/sessions/" + id
          : "redirect:/sessions/" + id + "/pipeline";
    }
    MarkdownHtml.Rendered doc = MarkdownHtml.render(SessionMarkdown.render(s));
    Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
    model.addAttribute("id", id);
    model.addAttribute("idea", s.interview().idea());
    model.addAttribute("html", doc.html());
    model.addAttribute("toc", doc.toc());
    model.addAttribute("verdict", v);
    model.addAttribute("decision", v == null ? null : v.decision().name().toLowerCase(Locale.ROOT));
    model.addAttribute(
        "rubric",
        v == null
            ? List.of()
            : v.scores().stream()
                .map(
                    r ->
                        new Rubric(
                            PageAdvice.capitalised(
                                r.criterion().name().toLowerCase(Locale.ROOT).replace('_', ' ')),
                            r.score(),
                            r.reason()))
                .toList());
    return "masterplan";
  }

  @GetMapping("/sessions/{id}/report.md")
  ResponseEntity<String> download(
      @AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    Session s = sessions.load(user, id);
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("socra-" + id + ".md").build().toString())
        .body(SessionMarkdown.render(s));
  }
}
