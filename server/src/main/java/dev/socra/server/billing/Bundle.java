package dev.socra.server.billing;

/** What a founder can buy at once: {@code credits} masterplan runs for {@code price}. */
public record Bundle(int credits, Money price) {
  public Bundle {
    if (credits < 1) {
      throw new IllegalArgumentException("a bundle has at least one credit");
    }
  }
}
