package dev.socra.server.web;

import dev.socra.server.account.SocraUser;
import dev.socra.server.sessions.SessionService;
import dev.socra.server.sessions.UsageReport;
import dev.socra.server.store.SessionStore;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Tokens and cost: for each of the founder's sessions, by stage and by provider. */
@Controller
class UsagePages {
  private final SessionService sessions;
  private final UsageReport usage;

  UsagePages(SessionService sessions, UsageReport usage) {
    this.sessions = sessions;
    this.usage = usage;
  }

  record SessionUsage(SessionStore.Summary summary, UsageReport.Usage usage) {}

  @GetMapping("/usage")
  String page(@AuthenticationPrincipal SocraUser user, Model model) {
    List<SessionUsage> all =
        sessions.list(user).stream()
            .map(s -> new SessionUsage(s, usage.of(sessions.load(user, s.id()))))
            .toList();
    model.addAttribute("sessions", all);
    model.addAttribute("inputTokens", all.stream().mapToLong(u -> u.usage().inputTokens()).sum());
    model.addAttribute("outputTokens", all.stream().mapToLong(u -> u.usage().outputTokens()).sum());
    model.addAttribute(
        "costUsd",
        all.stream().map(u -> u.usage().costUsd()).reduce(BigDecimal.ZERO, BigDecimal::add));
    return "usage";
  }
}
