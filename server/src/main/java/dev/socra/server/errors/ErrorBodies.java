package dev.socra.server.errors;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * An error in the shape its caller expects: OpenAI's {@code {"error":{"message","type","param",
 * "code"}}} under {@code /v1} (what OpenAI clients parse), Anthropic's {@code
 * {"type":"error","error":{…}}} under {@code /v1/messages}, RFC 9457 problem details everywhere
 * else. For filters, which answer before any controller runs; controllers get the same from {@link
 * ApiErrors}.
 */
public final class ErrorBodies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ErrorBodies() {}

  /** True for the gateway's paths (OpenAI's and Anthropic's APIs). */
  public static boolean isGateway(HttpServletRequest request) {
    return path(request).startsWith("/v1/");
  }

  /** True for Anthropic's Messages API under the gateway, whose errors are in Anthropic's shape. */
  public static boolean isAnthropic(String path) {
    return path.equals("/v1/messages") || path.startsWith("/v1/messages/");
  }

  /**
   * The gateway's error body for {@code path}: Anthropic's shape for its Messages API, OpenAI's
   * everywhere else under {@code /v1}.
   */
  public static Map<String, Object> gateway(
      String path, int status, String openAiType, String openAiCode, String detail) {
    return isAnthropic(path)
        ? anthropic(status, detail)
        : openAi(openAiType == null ? openAiType(status) : openAiType, openAiCode, detail);
  }

  /**
   * {@code {"type":"error","error":{"type","message"}}} (docs.anthropic.com/en/api/errors, read
   * 2026-11-01).
   */
  public static Map<String, Object> anthropic(int status, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("type", anthropicType(status));
    error.put("message", message);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "error");
    body.put("error", error);
    return body;
  }

  /** Anthropic's error type for a status: its SDKs choose their exception by the status. */
  public static String anthropicType(int status) {
    return switch (status) {
      case 400 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 402 -> "billing_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 529 -> "overloaded_error";
      default -> status >= 500 ? "api_error" : "invalid_request_error";
    };
  }

  /** The request attribute the error page shows as its explanation. */
  public static final String PAGE_DETAIL = "socra.error.detail";

  /**
   * A page (not the API, not the gateway) requested by the browser itself, not by htmx (whose
   * failures the page's script explains from the problem JSON).
   */
  static boolean isPage(HttpServletRequest request) {
    String p = path(request);
    return !p.startsWith("/api/")
        && !p.startsWith("/v1/")
        && request.getHeader("HX-Request") == null
        && request.getHeader("Authorization") == null;
  }

  public static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  /**
   * Writes the error.
   *
   * @param openAiType the {@code type} an OpenAI client sees ({@code invalid_request_error}, {@code
   *     rate_limit_error}, {@code insufficient_quota}, {@code server_error} ...)
   * @param openAiCode its {@code code}, or null
   * @param detail what happened and what to do, for a person: never a key, a token or a stack trace
   */
  public static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String openAiType,
      String openAiCode,
      String detail)
      throws IOException {
    if (isPage(request)) {
      // A browser's ordinary form post gets the friendly error page, saying the same words.
      request.setAttribute(PAGE_DETAIL, detail);
      response.sendError(status);
      return;
    }
    response.setStatus(status);
    boolean gateway = isGateway(request);
    response.setContentType(
        gateway ? MediaType.APPLICATION_JSON_VALUE : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    JSON.writeValue(
        response.getOutputStream(),
        gateway
            ? gateway(path(request), status, openAiType, openAiCode, detail)
            : problem(status, detail));
  }

  /** {@code {"error":{"message","type","param","code"}}}. */
  public static Map<String, Object> openAi(String type, String code, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", null);
    error.put("code", code);
    return Map.of("error", error);
  }

  /** RFC 9457 problem details, as Spring's {@code ProblemDetail} writes them. */
  public static Map<String, Object> problem(int status, String detail) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "about:blank");
    HttpStatus known = HttpStatus.resolve(status);
    p.put("title", known == null ? "Error" : known.getReasonPhrase());
    p.put("status", status);
    p.put("detail", detail);
    return p;
  }

  /** The OpenAI error type for an HTTP status, where the error has no more specific one. */
  public static String openAiType(int status) {
    if (status == 401) {
      return "authentication_error";
    }
    if (status == 403) {
      return "permission_error";
    }
    if (status == 404) {
      return "not_found_error";
    }
    if (status == 429) {
      return "rate_limit_error";
    }
    return status >= 500 ? "server_error" : "invalid_request_error";
  }
}
