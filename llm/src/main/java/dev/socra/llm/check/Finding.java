package dev.socra.llm.check;

/**
 * One thing {@code socra check} found about a target.
 *
 * @param what {@code reachable}, {@code key}, {@code answer}, {@code streaming}, {@code
 *     json_schema}, {@code prefill}, {@code rate limits}
 */
public record Finding(String what, Status status, String detail) {

  /** How a finding bears on the target. */
  public enum Status {
    /** Works as declared. */
    OK,
    /** Refused or missing, and Socra works around it (JSON mode instead of a schema, say). */
    FALLBACK,
    /** Broken: the target does not work. */
    FAILED,
    /** Not tried: not declared, or an earlier step failed. */
    SKIPPED
  }
}
