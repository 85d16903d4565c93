package dev.socra.server.account;

import jakarta.servlet.http.HttpServletRequest;
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

  static void apply(HttpSecurity http) throws Exception {
    http.headers(
        h ->
            h.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .contentTypeOptions(c -> {})
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                .addHeaderWriter(
                    (request, response) -> {
                      if (!response.containsHeader("Content-Security-Policy")) {
                        response.setHeader(
                            "Content-Security-Policy", docs(request) ? DOCS_POLICY : POLICY);
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
