package dev.socra.core.stub;

import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.DeckOutline.Slide;
import java.util.List;

/**
 * The demo pitch deck: Sequoia's ten slides, each pointing back at what the founder said: the
 * strongest answer, the customers, the price or fee, the competitors.
 */
final class DeckWriter {
  private final Founder founder;
  private final Wording wording;

  DeckWriter(Founder founder) {
    this.founder = founder;
    this.wording = founder.wording();
  }

  DeckOutline outline() {
    String it = wording.it();
    String who = wording.who().equals("people") ? "the first customers" : wording.who();
    String quote =
        founder
            .best()
            .map(i -> "In the founder's words: " + founder.cite(i))
            .orElse("A quote from a real customer conversation: none yet.");
    return new DeckOutline(
        List.of(
            new Slide(
                "Purpose",
                List.of(
                    "One sentence on "
                        + wording.itFirst()
                        + ": who it is for and what it does for them")),
            new Slide(
                "Problem",
                List.of(
                    "The pain " + who + " feel, told as one real customer's last bad week",
                    "How they cope today, and what that costs them",
                    quote)),
            new Slide(
                "Solution",
                List.of(
                    "What " + it + " does, and the moment the user sees value",
                    "Why it is better than the workaround")),
            new Slide("Why now", List.of("What changed recently that makes it possible or needed")),
            new Slide(
                "Market potential",
                List.of(
                    "The first segment, " + who + ", counted bottom-up",
                    "The market it opens onto if the first segment works")),
            new Slide(
                "Competition",
                List.of(
                    wording.hasRivals()
                        ? wording.rivals() + " and today's workarounds, side by side"
                        : "Today's workarounds and direct competitors, side by side",
                    "The one thing " + it + " does that they cannot easily copy")),
            new Slide(
                "Product",
                List.of(
                    "The core workflow in three screens", "What is built, what is still manual")),
            new Slide(
                "Business model",
                List.of(
                    wording.hasModel()
                        ? "The founder's model: " + wording.model() + "; who pays it and how often"
                        : "Who pays, how much, how often",
                    "Cost to serve one customer")),
            new Slide(
                "Team",
                List.of(
                    "Why these founders for " + it, "What they have done in this field before")),
            new Slide(
                "Financials",
                List.of(
                    "Twelve-month plan: customers, revenue, burn",
                    "What the money raised buys, milestone by milestone"))));
  }
}
