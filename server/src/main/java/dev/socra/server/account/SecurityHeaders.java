package dev.socra.server.account;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The headers every answer carries, so that a browser refuses what Socra never does itself.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: scripts, styles, images, fonts and connections only from
 *       Socra itself; no inline script, no inline style, no plugin, no other site's image. Model
 *       text reaches the pages (the masterplan is rendered Markdown): an {@code <img>} pointing at
 *       another site would send what the page knows there, so no image of another site loads, even
 *       one that got past the Markdown renderer. Forms post only to Socra; no site frames it.
 *   <li>The API's documentation page (Swagger UI) writes its styles inline and uses {@code data:}
 *       images: its policy allows those two, and still no script that is not Socra's own.
 *   <li>With payments on, the provider's checkout needs a little more, and gets exactly that: its
 *       script, frames and calls for Razorpay Checkout, the hosted page a form redirects to for
 *       Stripe ({@code PaymentSettings.pageSources()}).
 *   <li>{@code Referrer-Policy: same-origin}: session addresses never go to another site when a
 *       link in a plan is followed.
 *   <li>{@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} (for browsers that
 *       predate {@code frame-ancestors}); {@code Strict-Transport-Security} on HTTPS requests.
 * </ul>
 */
final class SecurityHeaders {
  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self';"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  static final String DOCS_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none';"
          + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  /**
   * {@code policy} with each directive of {@code extra} given those sources too (a directive the
   * policy lacks starts from {@code 'self'}).
   */
  static String widened(String policy, Map<String, List<String>> extra) {
    if (extra.isEmpty()) {
      return policy;
    }
    Map<String, List<String>> directives = new LinkedHashMap<>();
    for (String d : policy.split(";")) {
      String[] words = d.strip().split("\\s+");
      directives.put(words[0], new ArrayList<>(List.of(words).subList(1, words.length)));
    }
    extra.forEach(
        (directive, sources) -> {
          List<String> have =
              directives.computeIfAbsent(directive, k -> new ArrayList<>(List.of("'self'")));
          sources.stream().filter(src -> !have.contains(src)).forEach(have::add);
        });
    StringBuilder b = new StringBuilder();
    directives.forEach(
        (d, sources) ->
            b.append(b.isEmpty() ? "" : "; ")
                .append(d)
                .append(' ')
                .append(String.join(" ", sources)));
    return b.toString();
  }

  static void apply(HttpSecurity http, Map<String, List<String>> extra) throws Exception {
    String pages = widened(POLICY, extra);
    http.headers(
        h ->
            h.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(c -> {})
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .addHeaderWriter(
                    (request, response) -> {
                      if (!response.containsHeader("Content-Security-Policy")) {
                        response.setHeader(
                            "Content-Security-Policy", docs(request) ? DOCS_POLICY : pages);
                      }
                    }));
  }

  private static boolean docs(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return path.startsWith("/api/docs")
        || path.startsWith("/swagger-ui")
        || path.startsWith("/api/swagger-ui");
  }
}
