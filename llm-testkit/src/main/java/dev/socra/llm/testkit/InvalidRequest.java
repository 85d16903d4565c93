package dev.socra.llm.testkit;

/** The request body is not a valid chat request; answered with 400 in the request's format. */
final class InvalidRequest extends Exception {

  InvalidRequest(String message) {
    super(message);
  }
}
