package dev.socra.core.stub;

import dev.socra.core.pipeline.DeckOutline;
import dev.socra.core.pipeline.DeckOutline.Slide;
import java.util.List;

/** The demo pitch deck: Sequoia's ten slides, each pointing back at the founder's idea. */
final class DeckWriter {
  private final IdeaWords words;
  private final String idea;

  DeckWriter(IdeaWords words) {
    this.words = words;
    this.idea = "\"" + words.label() + "\"";
  }

  DeckOutline outline() {
    String lastAnswer =
        words.answers().isEmpty()
            ? "A quote from the first customer conversation."
            : "In the founder's words: " + IdeaWords.quote(words.lastAnswer());
    return new DeckOutline(
        List.of(
            new Slide("Purpose", List.of("One sentence: " + idea + ".")),
            new Slide(
                "Problem",
                List.of(
                    "The pain behind " + idea + ", told as one real customer's last bad week.",
                    "How people cope today, and what that costs them.",
                    lastAnswer)),
            new Slide(
                "Solution",
                List.of(
                    "What " + idea + " does in one sentence, and the moment the user sees value.",
                    "Why it is better than the workaround.")),
            new Slide(
                "Why now",
                List.of("What changed recently that makes " + idea + " possible or needed.")),
            new Slide(
                "Market potential",
                List.of(
                    "The first segment, counted bottom-up.",
                    "The market it opens onto if the first segment works.")),
            new Slide(
                "Competition",
                List.of(
                    "Today's workarounds and direct competitors side by side.",
                    "The one thing " + idea + " does that they cannot easily copy.")),
            new Slide(
                "Product",
                List.of(
                    "The core workflow in three screens.", "What is built, what is still manual.")),
            new Slide(
                "Business model",
                List.of("Who pays, how much, how often.", "Cost to serve one customer.")),
            new Slide(
                "Team",
                List.of(
                    "Why these founders for " + idea + ".",
                    "What they have done in this field before.")),
            new Slide(
                "Financials",
                List.of(
                    "Twelve-month plan: customers, revenue, burn.",
                    "What the money raised buys, milestone by milestone."))));
  }
}
