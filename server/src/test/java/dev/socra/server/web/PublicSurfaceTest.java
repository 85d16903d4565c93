package dev.socra.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.socra.server.SocraServer;
import dev.socra.server.account.ApiTokens;
import dev.socra.server.account.Users;
import dev.socra.server.testing.Http;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What any caller of the server sees before signing in: the headers that keep a page from running
 * or loading what Socra did not write, redirects that never follow a Host header a caller made up,
 * cookies a cross-site request cannot carry, forwarded headers believed only when asked, and health
 * and metrics that tell strangers nothing.
 */
@Tag("security")
class PublicSurfaceTest {

  /** Tells the test what address and scheme the server believes a request came from. */
  @RestController
  class Seen {
    @GetMapping("/api/test-seen")
    String seen(HttpServletRequest request) {
      return request.getRemoteAddr() + " " + request.getScheme();
    }
  }

  static SocraServer start(Map<String, String> env, Object... beans) throws IOException {
    Path dir = Files.createTempDirectory("socra-surface-test");
    Map<String, String> e = new java.util.HashMap<>(env);
    e.put("PORT", "0");
    e.put("SOCRA_DATA_DIR", dir.toString());
    return SocraServer.start(e, beans);
  }

  @Test
  void everyAnswerCarriesAPolicyWithNoInlineScriptAndNoOtherSitesImages() throws Exception {
    try (SocraServer server = start(Map.of())) {
      Http anyone = Http.anonymous(server.baseUrl());
      for (String path :
          new String[] {"/", "/signin", "/signup", "/api/me", "/api/nothing", "/nope"}) {
        Http.Response r = anyone.get(path);
        String csp = r.header("Content-Security-Policy");
        assertThat(csp).as(path).isNotNull();
        assertThat(directive(csp, "script-src")).as(path).isEqualTo("script-src 'self'");
        assertThat(directive(csp, "img-src")).as(path).isEqualTo("img-src 'self'");
        assertThat(directive(csp, "style-src")).as(path).isEqualTo("style-src 'self'");
        assertThat(directive(csp, "frame-ancestors")).isEqualTo("frame-ancestors 'none'");
        assertThat(directive(csp, "object-src")).isEqualTo("object-src 'none'");
        assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
        assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
        assertThat(r.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      }
      // the API's documentation page styles itself inline; it still runs only Socra's scripts
      String docs = anyone.get("/api/docs/index.html").header("Content-Security-Policy");
      assertThat(directive(docs, "script-src")).isEqualTo("script-src 'self'");
      assertThat(directive(docs, "img-src")).isEqualTo("img-src 'self' data:");
    }
  }

  @Test
  void theTemplatesAndScriptsHoldNoInlineCodeOrStyle() throws Exception {
    Path templates = Path.of("src/main/resources/templates");
    List<String> found = new ArrayList<>();
    try (var files = Files.list(templates)) {
      for (Path f : files.toList()) {
        String html = Files.readString(f);
        for (String bad :
            new String[] {
              " style=",
              "th:style",
              " onclick",
              " onload",
              " onerror",
              " onsubmit",
              " onchange",
              " oninput",
              "hx-on",
              "javascript:"
            }) {
          if (html.contains(bad)) {
            found.add(f.getFileName() + ": " + bad.strip());
          }
        }
        for (String tag :
            html.split("<script").length > 1 ? html.split("<script") : new String[0]) {
          if (!tag.startsWith("<") && !tag.contains("src=") && tag.contains("</script>")) {
            found.add(f.getFileName() + ": an inline <script>");
          }
        }
      }
    }
    String js = Files.readString(Path.of("src/main/resources/static/js/socra.js"));
    for (String bad : new String[] {"eval(", "new Function", "innerHTML", "setAttribute(\"style"}) {
      if (js.contains(bad)) {
        found.add("socra.js: " + bad);
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  void redirectsNeverFollowAHostHeaderTheCallerMadeUp() throws Exception {
    try (SocraServer server = start(Map.of())) {
      for (String path : new String[] {"/sessions", "/usage", "/admin"}) {
        String answer = raw(server.port(), "GET " + path, "Host: evil.example");
        assertThat(answer).as(path).startsWith("HTTP/1.1 302");
        assertThat(header(answer, "Location")).as(path).isEqualTo("/signin");
      }
      assertThat(raw(server.port(), "GET /sessions", "Host: evil.example")).doesNotContain("evil");
    }
  }

  @Test
  void cookiesAreSameSiteLaxAndSecureBehindHttps() throws Exception {
    try (SocraServer plain = start(Map.of())) {
      String signin = raw(plain.port(), "GET /signin", "Host: localhost");
      String xsrf = cookie(signin, "XSRF-TOKEN");
      assertThat(xsrf).contains("SameSite=Lax").contains("HttpOnly").doesNotContain("Secure");
      assertThat(raw(plain.port(), "GET /signin", "X-Forwarded-Proto: https"))
          .as("forwarded headers are not believed unless asked")
          .doesNotContain("Secure")
          .doesNotContain("Strict-Transport-Security");
    }
    try (SocraServer https = start(Map.of("SOCRA_PUBLIC_URL", "https://socra.example.com"))) {
      assertThat(cookie(raw(https.port(), "GET /signin", "Host: localhost"), "XSRF-TOKEN"))
          .contains("Secure")
          .contains("SameSite=Lax");
      String session = signUpAnswer(https.port());
      assertThat(cookie(session, "JSESSIONID"))
          .contains("Secure")
          .contains("HttpOnly")
          .contains("SameSite=Lax");
    }
  }

  @Test
  void forwardedHeadersAreBelievedOnlyWhenAskedAndOnlyFromAProxyNearby() throws Exception {
    try (SocraServer server =
        start(Map.of("SOCRA_TRUST_FORWARDED", "true"), new PublicSurfaceTest().new Seen())) {
      String token = admin(server);
      String answer =
          raw(
              server.port(),
              "GET /api/test-seen",
              "Authorization: Bearer " + token,
              "X-Forwarded-For: 203.0.113.7",
              "X-Forwarded-Proto: https");
      assertThat(body(answer)).isEqualTo("203.0.113.7 https");
      assertThat(header(answer, "Strict-Transport-Security")).isNotNull();
    }
    try (SocraServer server = start(Map.of(), new PublicSurfaceTest().new Seen())) {
      String answer =
          raw(
              server.port(),
              "GET /api/test-seen",
              "Authorization: Bearer " + admin(server),
              "X-Forwarded-For: 203.0.113.7",
              "X-Forwarded-Proto: https");
      assertThat(body(answer)).isEqualTo("127.0.0.1 http");
    }
  }

  @Test
  void healthTellsStrangersUpOrDownAndMetricsAreTheAdmins() throws Exception {
    try (SocraServer server = start(Map.of())) {
      String admin = admin(server);
      String user =
          server
              .bean(ApiTokens.class)
              .create(server.bean(Users.class).create("bob", "correct horse battery").id(), "test");
      Http anyone = Http.anonymous(server.baseUrl());

      Http.Response health = anyone.get("/actuator/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
      assertThat(anyone.get("/actuator/health/router").status()).isEqualTo(404);
      assertThat(Http.as(server.baseUrl(), user).get("/actuator/health").body())
          .isEqualTo("{\"status\":\"UP\"}");
      assertThat(Http.as(server.baseUrl(), admin).get("/actuator/health").body())
          .contains("\"router\"", "\"routes\"");

      Http.Response metrics = anyone.get("/actuator/prometheus");
      assertThat(metrics.status()).isEqualTo(401);
      assertThat(metrics.header("Content-Type")).startsWith("application/problem+json");
      Http.Response notAdmin = Http.as(server.baseUrl(), user).get("/actuator/prometheus");
      assertThat(notAdmin.status()).isEqualTo(403);
      assertThat(notAdmin.json().get("detail").asText()).contains("only the server's admin");
      Http.Response scraped = Http.as(server.baseUrl(), admin).get("/actuator/prometheus");
      assertThat(scraped.status()).isEqualTo(200);
      assertThat(scraped.body()).contains("jvm_");

      assertThat(Http.as(server.baseUrl(), admin).get("/actuator/env").status()).isEqualTo(404);
    }
  }

  /** The first user, so the admin; returns a token of theirs. */
  private static String admin(SocraServer server) {
    return server
        .bean(ApiTokens.class)
        .create(server.bean(Users.class).create("root-admin", "correct horse battery").id(), "t");
  }

  /** Signs up through the form and returns the raw answer, with its Set-Cookie headers. */
  private static String signUpAnswer(int port) throws IOException {
    String page = raw(port, "GET /signup", "Host: localhost");
    String xsrf = cookie(page, "XSRF-TOKEN");
    String cookieValue = xsrf.substring(xsrf.indexOf(':') + 1, xsrf.indexOf(';')).strip();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
    assertThat(m.find()).isTrue();
    String form =
        "name=carol&password=correct+horse+battery&_csrf="
            + java.net.URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    return raw(
        port,
        "POST /signup",
        "Cookie: " + cookieValue,
        "Content-Type: application/x-www-form-urlencoded",
        "Content-Length: " + form.length(),
        "",
        form);
  }

  /**
   * One request over a plain socket, so that any Host header can be sent: header lines, then (after
   * an empty line) the body. Returns the whole answer.
   */
  static String raw(int port, String requestLine, String... lines) throws IOException {
    StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\n");
    StringBuilder body = new StringBuilder();
    boolean host = false;
    boolean inBody = false;
    for (String l : lines) {
      if (inBody) {
        body.append(l);
      } else if (l.isEmpty()) {
        inBody = true;
      } else {
        host |= l.regionMatches(true, 0, "Host:", 0, 5);
        head.append(l).append("\r\n");
      }
    }
    if (!host) {
      head.append("Host: localhost\r\n");
    }
    head.append("Connection: close\r\n\r\n").append(body);
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String header(String answer, String name) {
    for (String line : answer.split("\r\n")) {
      if (line.isEmpty()) {
        break;
      }
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  static String cookie(String answer, String name) {
    for (String line : answer.split("\r\n")) {
      if (line.regionMatches(true, 0, "Set-Cookie: " + name + "=", 0, 13 + name.length())) {
        return line;
      }
    }
    throw new AssertionError("no cookie " + name + " in:\n" + answer.split("\r\n\r\n")[0]);
  }

  static String body(String answer) {
    String b = answer.substring(answer.indexOf("\r\n\r\n") + 4);
    if ("chunked".equalsIgnoreCase(header(answer, "Transfer-Encoding"))) {
      StringBuilder out = new StringBuilder();
      String rest = b;
      while (true) {
        int nl = rest.indexOf("\r\n");
        int size = Integer.parseInt(rest.substring(0, nl).strip(), 16);
        if (size == 0) {
          return out.toString();
        }
        out.append(rest, nl + 2, nl + 2 + size);
        rest = rest.substring(nl + 2 + size + 2);
      }
    }
    return b;
  }

  private static String directive(String csp, String name) {
    for (String d : csp.split(";")) {
      if (d.strip().startsWith(name + " ")) {
        return d.strip();
      }
    }
    return null;
  }
}
