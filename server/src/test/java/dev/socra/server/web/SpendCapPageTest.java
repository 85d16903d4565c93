package dev.socra.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.account.Users;
import dev.socra.server.testing.TestServer;
import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A browser's form post over the daily spend cap gets the friendly page, in plain words. */
class SpendCapPageTest {
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  @Test
  void aFormPostOverTheCapShowsTheErrorPageWithTheReason() throws Exception {
    try (TestServer server = TestServer.start(Map.of("SOCRA_USER_DAILY_USD", "0.10"))) {
      String id = server.bean(Users.class).create("ada", "correct horse battery staple").id();
      server
          .bean(JdbcClient.class)
          .sql(
              "INSERT INTO llm_attempts (at, user_id, route, call_id, attempt, target, model,"
                  + " outcome, http_status, input_tokens, output_tokens, estimated, cost_usd,"
                  + " latency_ms) VALUES (?, ?, 'default', 1, 1, 'groq/llama', 'llama', 'ok', 200,"
                  + " 1000, 100, FALSE, ?, 500)")
          .params(OffsetDateTime.now(ZoneOffset.UTC), id, new BigDecimal("0.25"))
          .update();
      HttpClient browser =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build();
      String base = server.baseUrl();
      String signin = get(browser, base + "/signin").body();
      var signedIn =
          post(
              browser,
              base + "/signin",
              "name=ada&password="
                  + enc("correct horse battery staple")
                  + "&_csrf="
                  + csrf(signin));
      assertThat(signedIn.uri().getPath()).isEqualTo("/sessions");

      String form = get(browser, base + "/sessions/new").body();
      var refused =
          post(
              browser,
              base + "/sessions",
              "idea="
                  + enc("Welding robots rented by the hour to small shops")
                  + "&_csrf="
                  + csrf(form));
      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(refused.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
      assertThat(refused.body())
          .contains("A limit was reached")
          .contains("daily LLM spend cap of $0.10 reached; resets at 00:00 UTC")
          .doesNotContain("Exception");
    }
  }

  private static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a CSRF field in the form").isTrue();
    return enc(m.group(1));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static HttpResponse<String> get(HttpClient c, String url) throws Exception {
    return c.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HttpClient c, String url, String form) throws Exception {
    return c.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            // what a browser asks for when it submits a form
            .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
