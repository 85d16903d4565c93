package dev.socra.server.gateway;

/**
 * A request the gateway answers with an error in OpenAI's shape: {@code
 * {"error":{"message","type","param","code"}}} and an HTTP status that says what went wrong.
 */
final class GatewayException extends RuntimeException {
  private final int status;
  private final String type;
  private final String code;
  private final String param;
  private final long retryAfterSeconds;

  GatewayException(int status, String type, String code, String param, String message) {
    this(status, type, code, param, message, 0);
  }

  /**
   * @param retryAfterSeconds sent as {@code Retry-After} when positive: when the route will have a
   *     target free again
   */
  GatewayException(
      int status, String type, String code, String param, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The same error, saying when to try again. */
  GatewayException retryAfter(long seconds) {
    return new GatewayException(status, type, code, param, getMessage(), seconds);
  }

  /** 400: the request itself is wrong; {@code param} names the field. */
  static GatewayException badRequest(String param, String message) {
    return new GatewayException(400, "invalid_request_error", null, param, message);
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }

  String code() {
    return code;
  }

  String param() {
    return param;
  }

  long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
