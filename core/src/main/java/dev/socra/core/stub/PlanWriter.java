package dev.socra.core.stub;

import dev.socra.core.pipeline.Decision;
import dev.socra.core.pipeline.Experiment;
import dev.socra.core.pipeline.Masterplan;
import dev.socra.core.pipeline.Masterplan.Component;
import dev.socra.core.pipeline.Masterplan.Entity;
import dev.socra.core.pipeline.Masterplan.Infrastructure;
import dev.socra.core.pipeline.Masterplan.Phase;
import dev.socra.core.pipeline.Masterplan.TechnologyChoice;
import java.util.ArrayList;
import java.util.List;

/** The demo synthesis: a small, sober masterplan built around the founder's idea. */
final class PlanWriter {
  private final IdeaWords words;
  private final Wording wording;
  private final String idea;

  PlanWriter(Founder founder) {
    this.words = founder.words();
    this.wording = founder.wording();
    this.idea = wording.it();
  }

  /** The plan a verdict calls for: for anything but pursue, the experiment comes first. */
  Masterplan masterplan(Decision decision) {
    String who = wording.who().equals("people") ? "people" : wording.who();
    String price = wording.hasModel() ? wording.model() : "a deposit";
    String summary =
        switch (decision) {
          case PURSUE ->
              "Build "
                  + wording.itFirst()
                  + " as one web application around the single workflow the interview showed "
                  + who
                  + " need, run it by hand for the first customers, and automate only what they"
                  + " use every week.";
          case TEST ->
              "Test "
                  + wording.itFirst()
                  + " by hand before building it: if 3 of 10 "
                  + who
                  + " pay "
                  + price
                  + " for the result, build one web application around the single workflow"
                  + " they used.";
          case PIVOT ->
              "Keep the problem, change the model: test a different price or customer for "
                  + wording.itFirst()
                  + " by hand with 10 "
                  + who
                  + " before building anything.";
          case DROP ->
              "Do not build "
                  + wording.itFirst()
                  + " yet: nothing the interview showed supports it. The one experiment below"
                  + " could reverse that; the architecture is kept small for that case only.";
        };
    String hypothesis =
        decision == Decision.DROP
            ? Wording.capital(who) + " have this problem often enough to act on it"
            : Wording.capital(who) + " will pay " + price + " rather than keep their workaround";
    String method =
        decision == Decision.DROP
            ? "Ask 10 " + who + " when the problem last happened and what they did about it"
            : "Deliver the result by hand to 10 " + who + " who described the problem";
    String threshold =
        decision == Decision.DROP
            ? "5 of 10 describe a time in the last month"
            : "3 of 10 pay " + price + " within 2 weeks";
    return new Masterplan(
        List.of(new Experiment(hypothesis, method, threshold)),
        components(),
        List.of(
            "A user describes their need in the web app; the API stores it as a request.",
            "The core service works on the request and records each step as an event.",
            "Notifications tell the user when something needs them or is done.",
            "Payments confirm the plan; the admin console shows every open request.",
            "Events flow to product analytics for the weekly metrics review."),
        List.of(
            new Entity("Account", List.of("id", "email", "name", "role", "created_at")),
            new Entity(
                "Request",
                List.of("id", "account_id", "description", "status", "created_at", "done_at")),
            new Entity("Event", List.of("id", "request_id", "kind", "payload", "at")),
            new Entity("Subscription", List.of("id", "account_id", "plan", "status", "renews_at"))),
        technology(),
        phases(),
        new Infrastructure(HOSTING.get(words.pick("hosting", HOSTING.size())), cost()),
        List.of(
            "Weekly active users",
            "Share of new users who complete the core workflow in their first week",
            "Retention after four weeks",
            "Conversion from free to paid",
            "Cost to acquire a customer versus first-year revenue"),
        summary);
  }

  private List<Component> components() {
    return List.of(
        new Component("Web app", "Where people sign up and use it, on desktop or phone."),
        new Component("API service", "Accounts, requests and the business rules behind them."),
        new Component(
            "Core workflow",
            "The one job " + idea + " does; manual at first, then automated step by step."),
        new Component("Notifications", "Email and push messages when a request changes."),
        new Component("Payments", "Plans, checkout and invoices through a payment provider."),
        new Component("Admin console", "Lets the founders see and fix every request by hand."));
  }

  private List<TechnologyChoice> technology() {
    List<TechnologyChoice> out = new ArrayList<>();
    out.add(BACKENDS.get(words.pick("backend", BACKENDS.size())));
    out.add(
        new TechnologyChoice(
            "Database",
            "PostgreSQL",
            "Relational data with transactions, full-text search and JSON for the odd field;"
                + " one database to run."));
    out.add(
        new TechnologyChoice(
            "Payments",
            "Stripe",
            "Subscriptions, invoices and tax handled without building them."));
    out.add(
        new TechnologyChoice(
            "Analytics",
            "PostHog",
            "Product events and funnels from day one, with a free tier that covers the beta."));
    return out;
  }

  /** Three or four phases; the first always tests demand before anything is built. */
  private List<Phase> phases() {
    List<Phase> out = new ArrayList<>();
    out.add(
        new Phase(
            "Concierge test",
            "Five people get the result delivered by hand, and at least two pay",
            List.of("Landing page", "Ten customer conversations", "Manual delivery log"),
            2 + words.pick("weeks 1", 2)));
    out.add(
        new Phase(
            "First version",
            "The core workflow runs without the founders' hands for ten users",
            List.of("Web app with sign-up", "Core workflow", "Admin console"),
            4 + words.pick("weeks 2", 3)));
    out.add(
        new Phase(
            "Private beta",
            "Fifty weekly users and a first paying cohort",
            List.of("Payments", "Notifications", "Analytics dashboard"),
            4 + words.pick("weeks 3", 3)));
    if (words.pick("phases", 2) == 1) {
      out.add(
          new Phase(
              "Launch",
              "Public launch of " + idea + " with a repeatable acquisition channel",
              List.of("Pricing page", "Referral programme", "Onboarding emails"),
              4));
    }
    return out;
  }

  private String cost() {
    int low = 30 + 10 * words.pick("cost low", 5);
    return "About $"
        + low
        + " to $"
        + (low * 3)
        + " a month at launch: hosting, database,"
        + " email and monitoring; payment fees come on top of revenue";
  }

  private static final List<String> HOSTING =
      List.of(
          "One managed container platform (Render or Fly.io) with managed PostgreSQL, in one"
              + " region close to the first customers",
          "A single cloud region (AWS or Google Cloud) with a managed database and a CDN for"
              + " static files",
          "One virtual server (Hetzner or DigitalOcean) with nightly backups, until traffic says"
              + " otherwise");

  private static final List<TechnologyChoice> BACKENDS =
      List.of(
          new TechnologyChoice(
              "Backend",
              "Java 21 with Spring Boot",
              "Mature libraries, strong typing for business rules, easy to hire for."),
          new TechnologyChoice(
              "Backend",
              "TypeScript with Node.js",
              "One language across web app and API, and a fast path to a first version."),
          new TechnologyChoice(
              "Backend",
              "Python with Django",
              "Admin console and accounts out of the box, which the concierge phase needs."));
}
