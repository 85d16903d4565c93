package dev.socra.server.errors;

import dev.socra.core.idea.InvalidInputException;
import dev.socra.server.account.AccountException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * The errors of every API controller that does not answer them itself: the person's mistakes as 400
 * with the reason, Spring MVC's own (405, 415, unreadable JSON ...) with their status in Socra's
 * words ({@link FrameworkErrors}), and anything unexpected as 500 with a reference to the log,
 * never its message or stack trace. Bodies are problem details, or OpenAI's error shape under
 * {@code /v1}.
 *
 * <p>Last in line: a controller's own {@code @ExceptionHandler} and any other advice come first.
 * Pages ({@code @Controller}) keep the error page.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiErrors extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /** Text too long or too short ({@code InputLimits}), and other input the founder must fix. */
  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<Object> invalidInput(InvalidInputException e, NativeWebRequest request) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  @ExceptionHandler(AccountException.class)
  ResponseEntity<Object> account(AccountException e, NativeWebRequest request) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  /** An argument a caller gave that cannot be used; the message says which and why. */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Object> illegalArgument(IllegalArgumentException e, NativeWebRequest request) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage(), request);
  }

  /** Everything else: a status the exception declares, or 500 with a reference to the log. */
  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, NativeWebRequest request) throws Exception {
    if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
      throw e; // Spring Security answers these: 401 or 403 in the API's shape
    }
    if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
      return null; // nobody is left to read an answer
    }
    ResponseStatus declared =
        AnnotatedElementUtils.findMergedAnnotation(e.getClass(), ResponseStatus.class);
    if (declared != null) {
      String reason = declared.reason().isEmpty() ? e.getMessage() : declared.reason();
      return error(declared.code(), reason, request);
    }
    String ref = UUID.randomUUID().toString().substring(0, 8);
    log.error("unexpected error (ref {}) on {}", ref, describe(request), e);
    return error(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error; the server's log has the details under ref " + ref,
        request);
  }

  /** Spring MVC's own errors keep their status, said in Socra's words ({@link FrameworkErrors}). */
  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    HttpServletRequest servlet =
        request instanceof NativeWebRequest n ? n.getNativeRequest(HttpServletRequest.class) : null;
    String words = FrameworkErrors.words(ex, servlet == null ? "" : ErrorBodies.path(servlet));
    Object b = words == null ? body : ProblemDetail.forStatusAndDetail(status, words);
    return super.handleExceptionInternal(ex, b, headers, status, request);
  }

  /** Spring MVC's own errors keep their status and detail, in OpenAI's shape under /v1. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail p && gateway(request)) {
      String detail = p.getDetail() != null ? p.getDetail() : p.getTitle();
      return ResponseEntity.status(status)
          .headers(headers)
          .contentType(MediaType.APPLICATION_JSON)
          .body(ErrorBodies.gateway(path(request), status.value(), null, null, detail));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private static ResponseEntity<Object> error(
      HttpStatusCode status, String detail, WebRequest request) {
    if (gateway(request)) {
      return ResponseEntity.status(status)
          .contentType(MediaType.APPLICATION_JSON)
          .body(ErrorBodies.gateway(path(request), status.value(), null, null, detail));
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(ProblemDetail.forStatusAndDetail(status, detail));
  }

  private static String path(WebRequest request) {
    HttpServletRequest servlet =
        request instanceof NativeWebRequest n ? n.getNativeRequest(HttpServletRequest.class) : null;
    return servlet == null ? "" : ErrorBodies.path(servlet);
  }

  private static boolean gateway(WebRequest request) {
    HttpServletRequest servlet =
        request instanceof NativeWebRequest n ? n.getNativeRequest(HttpServletRequest.class) : null;
    return servlet != null && ErrorBodies.isGateway(servlet);
  }

  private static String describe(WebRequest request) {
    HttpServletRequest servlet =
        request instanceof NativeWebRequest n ? n.getNativeRequest(HttpServletRequest.class) : null;
    return servlet == null
        ? request.getDescription(false)
        : servlet.getMethod() + " " + ErrorBodies.path(servlet);
  }
}
