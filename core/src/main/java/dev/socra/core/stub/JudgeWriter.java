package dev.socra.core.stub;

import dev.socra.core.pipeline.Criterion;
import dev.socra.core.pipeline.Critique;
import dev.socra.core.pipeline.Decision;
import dev.socra.core.pipeline.Experiment;
import dev.socra.core.pipeline.TribunalRules;
import dev.socra.core.pipeline.Verdict;
import dev.socra.core.pipeline.Verdict.RubricScore;
import java.util.ArrayList;
import java.util.List;

/** The demo devil's advocate and tribunal: the case against the idea, then the verdict. */
final class JudgeWriter {
  private final IdeaWords words;
  private final String idea;

  JudgeWriter(IdeaWords words) {
    this.words = words;
    this.idea = "\"" + words.label() + "\"";
  }

  Critique critique() {
    String said =
        words.answers().isEmpty()
            ? "no answer yet"
            : words.answers().size() + " answers, the latest " + quoteLast();
    return new Critique(
        List.of(
            "No one has yet paid for " + idea + " at the price the findings assume.",
            "The workaround people use today is free and good enough for many of them.",
            "A larger company can add the same feature once the demand is visible.",
            "The first channel depends on the founder's personal network and may not scale."),
        "The case for "
            + idea
            + " rests on the founder's conviction and "
            + said
            + ": people who like an idea in a conversation often keep their old workaround when"
            + " asked to switch or pay.",
        List.of(
            "Fewer than 3 of the first 10 concierge customers pay after the trial.",
            "Four-week retention below 20% in the private beta.",
            "Cost to acquire a customer above first-year revenue after 100 customers."));
  }

  Verdict verdict() {
    List<RubricScore> scores = new ArrayList<>();
    int bonus = words.answers().size() >= 4 ? 1 : 0;
    for (Criterion c : Criterion.values()) {
      int score = Math.min(5, 2 + words.pick("rubric " + c, 2) + bonus);
      scores.add(new RubricScore(c, reason(c, score), score));
    }
    double mean = scores.stream().mapToInt(RubricScore::score).average().orElse(0);
    Decision decision;
    int demand = scores.get(Criterion.EVIDENCE_OF_DEMAND.ordinal()).score();
    if (mean >= 4 && demand >= TribunalRules.PURSUE_DEMAND) {
      decision = Decision.PURSUE;
    } else if (mean >= 3) {
      decision = Decision.TEST;
    } else if (mean >= 2.2) {
      decision = Decision.PIVOT;
    } else {
      decision = Decision.DROP;
    }
    return new Verdict(
        scores,
        List.of(
            "Average rubric score "
                + String.format(java.util.Locale.ROOT, "%.1f", mean)
                + " of 5 for "
                + idea
                + ".",
            "The strongest evidence is what the founder reported people already do today.",
            "The weakest point is proof that anyone will pay; the concierge test settles it"
                + " cheaply."),
        List.of(
            new Experiment(
                "People will pay for " + idea + " rather than keep their workaround",
                "Deliver it by hand to 10 people who describe the problem, for a small deposit",
                "3 of 10 pay the deposit within 2 weeks")),
        decision);
  }

  private String reason(Criterion c, int score) {
    String level = score >= 4 ? "Good" : score == 3 ? "Some" : "Thin";
    return switch (c) {
      case PROBLEM_SEVERITY -> level + " evidence that the problem behind " + idea + " hurts.";
      case EVIDENCE_OF_DEMAND -> level + " evidence that people ask for " + idea + " unprompted.";
      case MARKET_SIZE -> level + " grounds for a market large enough for " + idea + ".";
      case ABILITY_TO_BUILD -> level + " signs the founders can build " + idea + " themselves.";
      case ECONOMICS -> level + " signs that " + idea + " earns more than it costs per customer.";
    };
  }

  private String quoteLast() {
    return IdeaWords.quote(words.lastAnswer());
  }
}
