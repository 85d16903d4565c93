package dev.socra.core.pipeline;

import dev.socra.core.pipeline.DeckOutline.Slide;
import dev.socra.core.pipeline.Masterplan.Component;
import dev.socra.core.pipeline.Masterplan.Entity;
import dev.socra.core.pipeline.Masterplan.Infrastructure;
import dev.socra.core.pipeline.Masterplan.Phase;
import dev.socra.core.pipeline.Masterplan.TechnologyChoice;
import dev.socra.core.pipeline.Verdict.RubricScore;
import java.util.ArrayList;
import java.util.List;

/**
 * Filled-in examples of each stage's result, shown in its prompt instead of the raw schema: a small
 * model copies a shape far more reliably than it reads {@code $defs}. All are about one imaginary
 * idea (no-show reminders for physiotherapy clinics) and as short as the limits allow, so that the
 * shape, not the content, is what they teach. A test checks each passes its own rules.
 */
final class Examples {
  private Examples() {}

  static SpecialistReport report(Specialist s) {
    List<SizingInput> sizing =
        s == Specialist.MARKET
            ? List.of(
                new SizingInput("clinics in the first city", Basis.FOUNDER, "A2", "120"),
                new SizingInput(
                    "price per clinic a month", Basis.GENERAL_KNOWLEDGE, "", "€40 (check this)"),
                new SizingInput(
                    "first-city revenue a year", Basis.INFERENCE, "A2", "120 × €40 × 12 = €57,600"))
            : List.of();
    return new SpecialistReport(
        s,
        List.of(
            new Finding(
                Basis.FOUNDER, "A3", "Two clinics lose about 10 bookings a month to no-shows"),
            new Finding(
                Basis.INFERENCE,
                "A3",
                "Reminders alone may not fix no-shows that are cancellations"),
            new Finding(
                Basis.GENERAL_KNOWLEDGE,
                "",
                "Booking suites already send SMS reminders (check which ones the clinics use)")),
        sizing,
        List.of("Who at the clinic decides on software?"),
        "The pain is real at two clinics; nobody has paid yet.",
        0.4);
  }

  static final Critique CRITIQUE =
      new Critique(
          List.of(
              "Only two clinics described the problem, and neither has paid",
              "Their booking software may already send reminders"),
          "The evidence is two conversations; the likeliest outcome is a feature clinics already"
              + " have.",
          List.of(
              "Fewer than 3 of 10 clinics pay a €50 deposit within 2 weeks",
              "No-shows fall by less than 20% in a 4-week pilot"));

  static final Verdict VERDICT =
      new Verdict(
          List.of(
              new RubricScore(
                  Criterion.PROBLEM_SEVERITY, "Two clinics lose 10 bookings a month", 3),
              new RubricScore(Criterion.EVIDENCE_OF_DEMAND, "Interest, no payment yet", 2),
              new RubricScore(Criterion.MARKET_SIZE, "120 clinics in the first city", 3),
              new RubricScore(Criterion.ABILITY_TO_BUILD, "Founder built booking software", 4),
              new RubricScore(Criterion.ECONOMICS, "Price untested; SMS cost is low", 2)),
          List.of(
              "The problem is real but unpaid for",
              "Demand must be shown before anything is built"),
          List.of(
              new Experiment(
                  "Clinics will pay to cut no-shows",
                  "Offer 10 clinics a month of manual reminders for a €50 deposit",
                  "3 of 10 clinics pay the deposit within 2 weeks")),
          Decision.TEST);

  static final Masterplan MASTERPLAN =
      new Masterplan(
          List.of(
              new Experiment(
                  "Clinics will pay to cut no-shows",
                  "Manual reminders for 10 clinics for a €50 deposit",
                  "3 of 10 pay within 2 weeks")),
          List.of(
              new Component("Reminder sender", "Sends SMS reminders before each booking"),
              new Component("Clinic dashboard", "Shows bookings, reminders and no-shows")),
          List.of("The booking export feeds the reminder sender; replies update the dashboard"),
          List.of(new Entity("Booking", List.of("id", "clinic_id", "starts_at", "status"))),
          List.of(new TechnologyChoice("SMS", "Twilio", "Pay per message, no contract")),
          List.of(
              new Phase("Concierge test", "3 clinics pay", List.of("Manual reminders"), 2),
              new Phase(
                  "First version", "Reminders sent without the founder", List.of("Sender"), 4)),
          new Infrastructure("One small managed server", "About $30 a month plus SMS"),
          List.of("Share of bookings that no-show", "Clinics paying after the trial"),
          "Test willingness to pay by hand first; build the sender only if 3 of 10 clinics pay.");

  static final DeckOutline DECK = deck();

  private static DeckOutline deck() {
    List<Slide> slides = new ArrayList<>();
    for (String title :
        List.of(
            "Purpose",
            "Problem",
            "Solution",
            "Why now",
            "Market potential",
            "Competition",
            "Product",
            "Business model",
            "Team",
            "Financials")) {
      slides.add(new Slide(title, List.of("One point for the " + title.toLowerCase() + " slide")));
    }
    return new DeckOutline(slides);
  }
}
