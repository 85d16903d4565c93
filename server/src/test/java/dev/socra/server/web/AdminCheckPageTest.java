package dev.socra.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.llm.testkit.FakeProvider;
import dev.socra.server.account.Users;
import dev.socra.server.testing.TestServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The admin's "Check every target" button runs socra check on the server's own router. */
class AdminCheckPageTest {
  static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  @Test
  void theAdminChecksEveryTargetFromThePageAndOthersCannot() throws Exception {
    try (FakeProvider fake = FakeProvider.start(0);
        TestServer server =
            TestServer.start(
                Map.of(
                    "GROQ_API_KEY",
                    "test-key-groq-admincheck-1234567890",
                    "GROQ_BASE_URL",
                    fake.groqBaseUrl(),
                    "ANTHROPIC_API_KEY",
                    "test-key-anthropic-admincheck-123456",
                    "ANTHROPIC_BASE_URL",
                    fake.anthropicBaseUrl()))) {
      server.bean(Users.class).create("ada", "correct horse battery staple");
      server.bean(Users.class).create("bob", "another long password");
      HttpClient ada = signedIn(server, "ada", "correct horse battery staple");

      String page = get(ada, server.baseUrl() + "/admin").body();
      assertThat(page).contains("Check every target").contains("a few hundred tokens per");
      assertThat(fake.attempts()).isEmpty();

      HttpResponse<String> checked =
          post(ada, server.baseUrl() + "/admin/check", "_csrf=" + csrf(page));
      assertThat(checked.statusCode()).isEqualTo(200);
      assertThat(checked.body())
          .contains("Check results")
          .contains("groq/llama-3.1-8b-instant")
          .contains("anthropic/claude-haiku-4-5")
          .contains("2 of 2 targets work")
          .doesNotContain("admincheck-1234567890");
      assertThat(fake.attempts()).isNotEmpty();

      int before = fake.attempts().size();
      HttpResponse<String> noToken = post(ada, server.baseUrl() + "/admin/check", "");
      assertThat(noToken.statusCode()).isEqualTo(403);

      HttpClient bob = signedIn(server, "bob", "another long password");
      String bobsPage = get(bob, server.baseUrl() + "/sessions/new").body();
      HttpResponse<String> notAdmin =
          post(bob, server.baseUrl() + "/admin/check", "_csrf=" + csrf(bobsPage));
      assertThat(notAdmin.body()).contains("For the admin only");
      assertThat(fake.attempts()).hasSize(before);
    }
  }

  private static HttpClient signedIn(TestServer server, String name, String password)
      throws Exception {
    HttpClient browser =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    String signin = get(browser, server.baseUrl() + "/signin").body();
    post(
        browser,
        server.baseUrl() + "/signin",
        "name=" + name + "&password=" + enc(password) + "&_csrf=" + csrf(signin));
    return browser;
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
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(HttpClient c, String url, String form) throws Exception {
    return c.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("content-type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
