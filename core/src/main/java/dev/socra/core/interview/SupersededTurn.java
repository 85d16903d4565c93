package dev.socra.core.interview;

/**
 * A turn the founder set aside by going back to an earlier question: kept, with the scores and
 * replies it was asked with and the answer it had (null when it was still open), as history.
 *
 * @param revision which going-back set it aside: 1 for the first time the founder went back, 2 for
 *     the next; every turn set aside at once shares one
 * @param reopened the question the founder went back to
 */
public record SupersededTurn(int revision, int reopened, Turn turn) {}
