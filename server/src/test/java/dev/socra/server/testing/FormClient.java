package dev.socra.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser without a screen: cookies, the forms' CSRF token, and a client address of its own on
 * loopback ({@code 127.0.0.2}, {@code 127.0.0.3} ...), so tests can be several people at once.
 * Redirects are not followed: a sign-in's answer is its redirect.
 */
public final class FormClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final String baseUrl;
  private final HttpClient http;

  /**
   * @param port the server's port
   * @param address the loopback address requests come from, such as {@code 127.0.0.2}
   */
  public FormClient(int port, String address) {
    this.baseUrl = "http://127.0.0.1:" + port;
    try {
      this.http =
          HttpClient.newBuilder()
              .cookieHandler(new CookieManager())
              .localAddress(InetAddress.getByName(address))
              .followRedirects(HttpClient.Redirect.NEVER)
              .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fills in and posts the sign-in form. */
  public HttpResponse<String> signIn(String name, String password) {
    return postForm("/signin", "/signin", "name=" + enc(name) + "&password=" + enc(password));
  }

  /** Fills in and posts the sign-up form. */
  public HttpResponse<String> signUp(String name, String password) {
    return postForm("/signup", "/signup", "name=" + enc(name) + "&password=" + enc(password));
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  /** Gets {@code formPage} for its CSRF token, then posts {@code fields} to {@code action}. */
  public HttpResponse<String> postForm(String formPage, String action, String fields) {
    String page = get(formPage).body();
    Matcher m = CSRF.matcher(page);
    if (!m.find()) {
      throw new AssertionError("no CSRF field on " + formPage);
    }
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + action))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(fields + "&_csrf=" + enc(m.group(1)))));
  }

  /** True when the answer is the redirect a successful sign-in or sign-up gives. */
  public static boolean signedIn(HttpResponse<String> r) {
    String to = r.headers().firstValue("Location").orElse("");
    return r.statusCode() == 302 && (to.endsWith("/sessions") || to.endsWith("/sessions/new"));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
