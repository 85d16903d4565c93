package dev.socra.core.stub;

import dev.socra.core.interview.Dimension;
import dev.socra.core.interview.IdeaKind;
import java.util.List;
import java.util.Locale;

/**
 * What the demo says differently for each kind of idea: how it reads the kind from the idea's
 * words, the quick replies (a marketplace has two sides, hardware has prototypes and pre-orders, a
 * B2B tool has a buyer who signs off), and what is generally known about how such businesses
 * charge. Replies are positions, never facts: no numbers, no names.
 */
final class KindLines {
  private KindLines() {}

  /** The kind of idea, from its words; a stable guess when they say nothing. */
  static IdeaKind kind(IdeaWords words) {
    String idea = " " + words.idea().toLowerCase(Locale.ROOT) + " ";
    if (IdeaWords.mentions(
        idea,
        List.of(
            "marketplace",
            "uber for",
            "airbnb for",
            "connects ",
            "matches ",
            "matching ",
            "pairs ",
            "peer-to-peer",
            "two-sided",
            "booking fee",
            "commission",
            "rent ",
            "vetted"))) {
      return IdeaKind.MARKETPLACE;
    }
    if (IdeaWords.mentions(
        idea,
        List.of(
            "quantum",
            "biotech",
            "protein",
            "molecul",
            "fusion",
            "chemical",
            "lithium",
            "genom",
            "materials science",
            "cryptograph"))) {
      return IdeaKind.DEEP_TECH;
    }
    if (IdeaWords.mentions(
        idea,
        List.of(
            "robot",
            "device",
            "hardware",
            "sensor",
            "drone",
            "camera",
            "locker",
            "wearable",
            "printer",
            "3d-print",
            "machine"))) {
      return IdeaKind.HARDWARE;
    }
    if (IdeaWords.mentions(
        idea,
        List.of(
            "agency",
            "consult",
            "bookkeeping",
            "coaching",
            "clubs",
            "done-for-you",
            "concierge",
            " service for",
            " services for"))) {
      return IdeaKind.SERVICES;
    }
    if (IdeaWords.mentions(
        idea,
        List.of(
            "b2b",
            "saas",
            "businesses",
            "companies",
            "pharmac",
            "clinic",
            "firms",
            "workshops",
            "manufacturers",
            "restaurants",
            "shops",
            "teams",
            "managers",
            "labs",
            "software for",
            "tool for",
            "tuners",
            "practices"))) {
      return IdeaKind.B2B;
    }
    if (IdeaWords.mentions(
        idea,
        List.of(" app", "parents", "people", "students", "owners", "subscription", "users"))) {
      return IdeaKind.CONSUMER;
    }
    IdeaKind[] all = IdeaKind.values();
    return all[words.pick("kind", all.length)];
  }

  /**
   * Two to four positions on the question about a dimension: the first says the founder will give
   * specifics, in this kind's terms; then a partial position in this kind's terms; then "Not yet"
   * and "I don't know".
   */
  static List<String> choices(Dimension d, IdeaKind kind) {
    return List.of(yes(d, kind), partly(d, kind), "Not yet", "I don't know");
  }

  /** The replies to a question that presses on an answer that said nothing. */
  static List<String> pressChoices(IdeaKind kind) {
    return List.of(
        "Fair — I'll give a real example",
        "Nobody yet, honestly",
        "I'd have to check",
        "I don't know");
  }

  private static String yes(Dimension d, IdeaKind k) {
    return switch (d) {
      case PROBLEM ->
          switch (k) {
            case MARKETPLACE -> "It happened on one side recently — I'll describe it";
            case B2B -> "A business lost time or money to it — I'll say how";
            case HARDWARE -> "Yes — I saw the workaround on site";
            case DEEP_TECH -> "Yes — a lab or plant hit it recently";
            case SERVICES -> "A client had it recently — I'll describe it";
            case CONSUMER -> "It happened to someone recently — I'll describe it";
          };
      case CUSTOMER ->
          switch (k) {
            case MARKETPLACE -> "Yes — I'll name someone on each side";
            case B2B -> "Yes — I'll name the business and who signs off";
            case HARDWARE -> "Yes — I'll say who would install it";
            case DEEP_TECH -> "Yes — I'll name the lab or company";
            case SERVICES -> "Yes — I'll say who the clients were";
            case CONSUMER -> "Yes — I'll say who they are";
          };
      case MARKET ->
          switch (k) {
            case MARKETPLACE -> "I counted both sides — I'll give the numbers";
            case B2B -> "I counted the businesses — I'll give the number";
            default -> "I counted — I'll give the number";
          };
      case SOLUTION ->
          switch (k) {
            case MARKETPLACE -> "I matched people by hand — I'll describe it";
            case B2B -> "They use a spreadsheet or phone — I'll describe it";
            case HARDWARE -> "Someone tried the prototype — I'll say what broke";
            case DEEP_TECH -> "We have a lab result — I'll describe it";
            case SERVICES -> "I did it for a client by hand — I'll describe it";
            case CONSUMER -> "They use a workaround — I'll describe it";
          };
      case BUSINESS_MODEL ->
          switch (k) {
            case MARKETPLACE -> "Yes — bookings were paid, I'll say how much";
            case B2B -> "Yes — a paid pilot, I'll say how much";
            case HARDWARE -> "Yes — pre-orders or deposits, I'll say how many";
            case DEEP_TECH -> "Yes — a paid pilot or grant, I'll say how much";
            case SERVICES -> "Yes — clients paid, I'll say how much";
            case CONSUMER -> "Yes — people paid, I'll say how much";
          };
      case UNFAIR_ADVANTAGE ->
          switch (k) {
            case MARKETPLACE -> "Yes — I already know one side well";
            case HARDWARE, DEEP_TECH -> "Yes — know-how or a patent, I'll explain";
            default -> "Yes — I'll explain it";
          };
      case FEASIBILITY ->
          switch (k) {
            case HARDWARE -> "Yes — I built a prototype, I'll say what broke";
            case DEEP_TECH -> "Yes — it works in the lab, I'll say how far";
            case MARKETPLACE -> "Yes — I ran matches by hand";
            default -> "Yes — I'll say what broke";
          };
      case GO_TO_MARKET ->
          switch (k) {
            case MARKETPLACE -> "Yes — I'll say how each side found us";
            case B2B -> "Yes — I'll say how the business found us";
            default -> "Yes — I'll say how";
          };
    };
  }

  private static String partly(Dimension d, IdeaKind k) {
    if (d == Dimension.PROBLEM) {
      return "Only to me so far";
    }
    return switch (k) {
      case MARKETPLACE -> "Only one side so far";
      case B2B -> "Only one business so far";
      case HARDWARE ->
          d == Dimension.BUSINESS_MODEL ? "Only interest, no deposits" : "Only on the bench so far";
      case DEEP_TECH -> "Only in the lab so far";
      case SERVICES -> "Only one client so far";
      case CONSUMER -> "Only friends so far";
    };
  }

  /** How such businesses usually charge: general knowledge, for when the founder said nothing. */
  static String usualPricing(IdeaKind k) {
    return switch (k) {
      case MARKETPLACE ->
          "Marketplaces for services commonly keep 10–20% of each booking; the price is"
              + " what the booking side already pays elsewhere.";
      case B2B ->
          "Tools for small businesses commonly sell for $20–$100 a month per business; the"
              + " buyer compares it with the staff time it saves.";
      case CONSUMER ->
          "Consumer apps commonly charge $3–$15 a month, and most users never pay: a free"
              + " tier and a small paying share is the usual shape.";
      case HARDWARE ->
          "Hardware usually sells once at several times its parts' cost, with a service or"
              + " subscription on top to keep revenue coming.";
      case DEEP_TECH ->
          "Deep-tech companies usually earn first from paid pilots, licences or grants, long"
              + " before product sales.";
      case SERVICES ->
          "Services usually bill by the hour or a fixed fee per engagement; margins depend on"
              + " how much of the work can be made repeatable.";
    };
  }

  /** What the paying side is called in a sentence. */
  static String payer(IdeaKind k) {
    return switch (k) {
      case MARKETPLACE -> "the booking side";
      case B2B, DEEP_TECH -> "the buyer";
      case SERVICES -> "clients";
      case HARDWARE, CONSUMER -> "customers";
    };
  }
}
