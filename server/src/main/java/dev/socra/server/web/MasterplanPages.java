package dev.socra.server.web;

import dev.socra.core.persona.Stage;
import dev.socra.core.pipeline.Masterplan;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.report.SessionMarkdown;
import dev.socra.core.session.Session;
import dev.socra.server.account.SocraUser;
import dev.socra.server.sessions.SessionService;
import dev.socra.server.sessions.ShareAddress;
import dev.socra.server.store.SessionStatus;
import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The outcome: the verdict with what it means and its rubric scores on top, then the session's
 * Markdown document (the transcript included) with a table of contents, a Markdown download named
 * after the idea and the date, a print stylesheet for a clean PDF, and a read-only link to share.
 */
@Controller
class MasterplanPages {
  private final SessionService sessions;
  private final ShareAddress address;

  MasterplanPages(SessionService sessions, ShareAddress address) {
    this.sessions = sessions;
    this.address = address;
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
    document(s, model);
    model.addAttribute("id", id);
    model.addAttribute("title", sessions.title(s));
    model.addAttribute("shared", sessions.shared(user, id).orElse(null));
    return "masterplan";
  }

  /** What the owner's page and the shared page both show: the verdict and the document. */
  static void document(Session s, Model model) {
    MarkdownHtml.Rendered doc = MarkdownHtml.render(SessionMarkdown.render(s));
    Verdict v = s.result(Stage.TRIBUNAL, Verdict.class);
    model.addAttribute("idea", s.interview().idea());
    model.addAttribute("html", doc.html());
    model.addAttribute("toc", doc.toc());
    model.addAttribute("verdict", v);
    model.addAttribute("decision", v == null ? null : v.decision());
    model.addAttribute("demo", s.demo());
    model.addAttribute("demoOnly", s.demoOnly());
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
  }

  @GetMapping("/sessions/{id}/report.md")
  ResponseEntity<String> download(
      @AuthenticationPrincipal SocraUser user, @PathVariable String id) {
    Session s = sessions.load(user, id);
    return markdown(s, sessions.fileName(s));
  }

  static ResponseEntity<String> markdown(Session s, String fileName) {
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "markdown", StandardCharsets.UTF_8))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(fileName).build().toString())
        .body(SessionMarkdown.render(s));
  }

  /**
   * A read-only link for the finished session, replacing any earlier one. Its address is shown this
   * once (it is stored only as a hash): on the page the owner is sent back to.
   */
  @PostMapping("/sessions/{id}/share")
  String share(
      @AuthenticationPrincipal SocraUser user,
      @PathVariable String id,
      HttpServletRequest request,
      RedirectAttributes next) {
    String token = sessions.share(user, id);
    next.addFlashAttribute("shareUrl", address.of(token, request));
    return "redirect:/sessions/" + id + "/masterplan#share";
  }

  /** The link leads nowhere from now on. */
  @PostMapping("/sessions/{id}/share/revoke")
  String revoke(
      @AuthenticationPrincipal SocraUser user, @PathVariable String id, RedirectAttributes next) {
    sessions.revokeShare(user, id);
    next.addFlashAttribute("shareRevoked", true);
    return "redirect:/sessions/" + id + "/masterplan#share";
  }
}
