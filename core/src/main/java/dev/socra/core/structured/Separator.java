package dev.socra.core.structured;

/**
 * The line between the question and its evaluation when a target writes both in one answer. Only
 * targets that declare they follow it are asked to (the seed's small models put it mid-sentence).
 */
public final class Separator {
  public static final String MARK = "###JSON###";

  private Separator() {}
}
