package dev.socra.llm.check;

import com.fasterxml.jackson.databind.JsonNode;
import dev.socra.llm.ChatRequest;
import dev.socra.llm.ResponseFormat;
import dev.socra.llm.Router;
import dev.socra.llm.TokenSink;
import dev.socra.llm.budget.Dimension;
import dev.socra.llm.budget.LimitObservation;
import dev.socra.llm.budget.Limits;
import dev.socra.llm.check.Finding.Status;
import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Feature;
import dev.socra.llm.config.Protocol;
import dev.socra.llm.config.ProviderConfig;
import dev.socra.llm.outcome.Outcome;
import dev.socra.llm.provider.AttemptResult;
import dev.socra.llm.provider.schema.AnswerFormat;
import dev.socra.llm.route.TargetId;
import dev.socra.llm.tokens.TokenEstimator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Settles each configured target against the real thing: one tiny call each way (whole and
 * streamed, plain, with Socra's JSON schema, with a prefill where one is declared), and a report of
 * what it takes and what Socra will therefore do there. A refusal it meets is learned by the
 * router, as one met during a call would be.
 */
public final class TargetCheck {
  static final String PROMPT = "Reply with the single word: ok";
  static final String PREFILL = "The single word is";
  private static final int PLAIN_TOKENS = 16;
  private static final int SCHEMA_TOKENS = 64;
  private static final Pattern UNKNOWN_NAME = Pattern.compile("Unknown name \\\\?\"([^\"\\\\]+)");
  private static final Pattern NOT_PERMITTED = Pattern.compile("'([^']+)' is not permitted");

  private final Router router;
  private final String schemaName;
  private final JsonNode schema;
  private final TokenEstimator tokens = new TokenEstimator();

  /**
   * @param schema the JSON schema Socra asks for structured answers with (null to skip that step)
   */
  public TargetCheck(Router router, String schemaName, JsonNode schema) {
    this.router = router;
    this.schemaName = schemaName;
    this.schema = schema;
  }

  /** Every target on every route, once each, in route order. */
  public List<TargetId> targets() {
    List<TargetId> all = new ArrayList<>();
    router
        .config()
        .routes()
        .values()
        .forEach(
            r ->
                r.forEach(
                    t -> {
                      if (!all.contains(t)
                          && router.config().provider(t).protocol() != Protocol.STUB) {
                        all.add(t);
                      }
                    }));
    return all;
  }

  /** About how many tokens checking one target costs: what the question before it says. */
  public long estimatedTokens() {
    ChatRequest plain = plain();
    long one = tokens.countInput(plain, null) + PLAIN_TOKENS;
    long structured =
        schema == null
            ? 0
            : tokens.countInput(plain, null) + tokens.count(schema.toString()) + SCHEMA_TOKENS;
    long prefill = tokens.countInput(plain, PREFILL) + PLAIN_TOKENS;
    // whole, streamed, the schema (and one fallback), the prefill
    return 2 * one + 2 * structured + prefill;
  }

  public TargetReport check(TargetId target) {
    ProviderConfig p = router.config().provider(target);
    Capabilities caps = router.capabilities(target);
    List<Finding> findings = new ArrayList<>();
    List<String> consequences = new ArrayList<>();
    Map<Dimension, LimitObservation> announced = new EnumMap<>(Dimension.class);
    long spent = 0;

    long started = System.nanoTime();
    AttemptResult whole = router.probe(target, plain(), false, null, caps, TokenSink.IGNORE);
    Duration wholeTook = Duration.ofNanos(System.nanoTime() - started);
    spent += spent(whole, plain(), null);
    learnLimits(whole, announced);
    if (whole.httpStatus() == 0) {
      findings.add(new Finding("reachable", Status.FAILED, whole.outcome().detail()));
      return new TargetReport(target, where(p), skipRest(findings), consequences, false, spent);
    }
    findings.add(
        new Finding("reachable", Status.OK, "HTTP " + whole.httpStatus() + " in " + ms(wholeTook)));
    if (whole.outcome() instanceof Outcome.AuthFailed a) {
      findings.add(new Finding("key", Status.FAILED, "rejected: " + a.detail()));
      return new TargetReport(target, where(p), skipRest(findings), consequences, false, spent);
    }
    findings.add(new Finding("key", Status.OK, "accepted (" + keyText(p) + ")"));
    boolean answered = whole.outcome().isSuccess();
    findings.add(
        answered
            ? new Finding("answer", Status.OK, "whole answer: \"" + snippet(whole.text()) + "\"")
            : new Finding(
                "answer", Status.FAILED, whole.outcome().kind() + ": " + whole.outcome().detail()));

    AttemptResult streamed = router.probe(target, plain(), true, null, caps, TokenSink.IGNORE);
    spent += spent(streamed, plain(), null);
    learnLimits(streamed, announced);
    boolean streams = streamed.outcome().isSuccess();
    if (!streams) {
      findings.add(
          new Finding(
              "streaming",
              Status.FAILED,
              streamed.outcome().kind() + ": " + streamed.outcome().detail()));
    } else if (streamed.usage() == null || streamed.usage().estimated()) {
      findings.add(
          new Finding(
              "streaming",
              Status.FALLBACK,
              "first token after " + ttft(streamed) + ", no usage in the stream"));
      consequences.add("counts a stream's tokens itself (the stream reports no usage)");
    } else {
      findings.add(
          new Finding(
              "streaming", Status.OK, "first token after " + ttft(streamed) + ", usage reported"));
    }

    if (schema != null) {
      spent += checkSchema(target, caps, findings, consequences, announced);
    }
    spent += checkPrefill(target, router.capabilities(target), findings, consequences, announced);
    findings.add(limits(p, target, announced));
    return new TargetReport(target, where(p), findings, consequences, answered && streams, spent);
  }

  private long checkSchema(
      TargetId target,
      Capabilities caps,
      List<Finding> findings,
      List<String> consequences,
      Map<Dimension, LimitObservation> announced) {
    long spent = 0;
    ChatRequest request =
        plain()
            .withMaxTokens(SCHEMA_TOKENS)
            .withFormat(new ResponseFormat.JsonSchema(schemaName, schema));
    Capabilities tried = caps;
    List<String> refusals = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      AnswerFormat format = AnswerFormat.choose(request.format(), tried);
      if (format instanceof AnswerFormat.Text && round == 0) {
        findings.add(
            new Finding(
                "json_schema", Status.SKIPPED, "not declared: JSON by instruction + validation"));
        consequences.add("asks for JSON in words and validates it here");
        return spent;
      }
      AttemptResult r = router.probe(target, request, false, null, tried, TokenSink.IGNORE);
      spent += spent(r, request, null);
      learnLimits(r, announced);
      if (r.outcome().isSuccess()) {
        if (refusals.isEmpty()) {
          findings.add(
              new Finding(
                  "json_schema",
                  format instanceof AnswerFormat.Schema ? Status.OK : Status.FALLBACK,
                  format.describe()
                      + " accepted"
                      + (format instanceof AnswerFormat.JsonObject
                          ? " (no json_schema declared) → JSON mode + validation here"
                          : "")));
          if (format instanceof AnswerFormat.JsonObject) {
            consequences.add("uses JSON mode + validation here");
          }
        } else {
          findings.add(
              new Finding(
                  "json_schema",
                  Status.FALLBACK,
                  String.join("; ", refusals) + " → " + format.describe() + " accepted"));
          consequences.add(
              format instanceof AnswerFormat.Schema
                  ? "sends the schema without strict here (the caller validates)"
                  : format instanceof AnswerFormat.JsonObject
                      ? "uses JSON mode + validation here"
                      : "asks for JSON in words and validates it here");
        }
        return spent;
      }
      if (!(r.outcome() instanceof Outcome.Unsupported || r.outcome() instanceof Outcome.Refused)) {
        findings.add(
            new Finding(
                "json_schema", Status.FAILED, r.outcome().kind() + ": " + r.outcome().detail()));
        return spent;
      }
      Feature refused =
          switch (format) {
            case AnswerFormat.Schema s -> s.strict() ? Feature.STRICT_SCHEMA : Feature.JSON_SCHEMA;
            case AnswerFormat.JsonObject j -> Feature.JSON_OBJECT;
            case AnswerFormat.Text t -> null;
          };
      if (refused == null) {
        findings.add(new Finding("json_schema", Status.FAILED, r.outcome().detail()));
        return spent;
      }
      refusals.add(format.describe() + " refused" + reason(r.outcome().detail()));
      router.learnRefused(target, refused, "socra check: " + r.outcome().detail());
      tried = tried.without(refused);
    }
    findings.add(new Finding("json_schema", Status.FAILED, String.join("; ", refusals)));
    return spent;
  }

  private long checkPrefill(
      TargetId target,
      Capabilities caps,
      List<Finding> findings,
      List<String> consequences,
      Map<Dimension, LimitObservation> announced) {
    if (!caps.prefill()) {
      findings.add(
          new Finding(
              "prefill",
              Status.SKIPPED,
              "not declared: a stream broken here is continued elsewhere"));
      return 0;
    }
    AttemptResult r = router.probe(target, plain(), true, PREFILL, caps, TokenSink.IGNORE);
    learnLimits(r, announced);
    long spent = spent(r, plain(), PREFILL);
    if (r.outcome().isSuccess()) {
      findings.add(new Finding("prefill", Status.OK, "continues \"" + PREFILL + "\""));
    } else if (r.outcome() instanceof Outcome.Unsupported
        || r.outcome() instanceof Outcome.Refused) {
      router.learnRefused(target, Feature.PREFILL, "socra check: " + r.outcome().detail());
      findings.add(
          new Finding("prefill", Status.FALLBACK, "refused" + reason(r.outcome().detail())));
      consequences.add("does not continue a broken stream here (marked for this process)");
    } else {
      findings.add(
          new Finding("prefill", Status.FAILED, r.outcome().kind() + ": " + r.outcome().detail()));
    }
    return spent;
  }

  private Finding limits(
      ProviderConfig p, TargetId target, Map<Dimension, LimitObservation> announced) {
    Limits configured = p.limits();
    if (announced.isEmpty()) {
      return new Finding(
          "rate limits", Status.OK, "none announced; configured " + configured.describe());
    }
    StringBuilder s = new StringBuilder("announced ");
    boolean differ = false;
    int i = 0;
    for (LimitObservation o : announced.values()) {
      if (o.limit() <= 0) {
        continue;
      }
      s.append(i++ == 0 ? "" : ", ")
          .append(o.limit())
          .append(' ')
          .append(o.dimension().shortName());
      differ |= configured.of(o.dimension()) != o.limit();
    }
    s.append("; configured ").append(configured.describe());
    if (differ) {
      s.append(" → the announced ones are used");
    }
    return new Finding("rate limits", differ ? Status.FALLBACK : Status.OK, s.toString());
  }

  private static void learnLimits(AttemptResult r, Map<Dimension, LimitObservation> into) {
    for (LimitObservation o : r.limits()) {
      into.put(o.dimension(), o);
    }
  }

  private long spent(AttemptResult r, ChatRequest request, String prefill) {
    if (r.usage() != null) {
      return r.usage().inputTokens() + r.usage().outputTokens();
    }
    if (r.httpStatus() == 200) {
      return tokens.countInput(request, prefill) + tokens.count(r.text());
    }
    return 0;
  }

  private static ChatRequest plain() {
    return ChatRequest.of(PROMPT).withMaxTokens(PLAIN_TOKENS).withDeadline(Duration.ofSeconds(60));
  }

  private static List<Finding> skipRest(List<Finding> findings) {
    for (String what :
        new String[] {"key", "answer", "streaming", "json_schema", "prefill", "rate limits"}) {
      if (findings.stream().noneMatch(f -> f.what().equals(what))) {
        findings.add(new Finding(what, Status.SKIPPED, "not tried"));
      }
    }
    return findings;
  }

  /** " for $ref" from Gemini's or OpenAI's words, else the provider's words, short. */
  static String reason(String detail) {
    Matcher unknown = UNKNOWN_NAME.matcher(detail);
    if (unknown.find()) {
      return " for " + unknown.group(1);
    }
    Matcher permitted = NOT_PERMITTED.matcher(detail);
    if (permitted.find()) {
      return " for " + permitted.group(1);
    }
    return " (" + snippet(detail) + ")";
  }

  private static String where(ProviderConfig p) {
    return p.protocol().name().toLowerCase(Locale.ROOT) + " " + p.baseUrl();
  }

  private static String keyText(ProviderConfig p) {
    return p.key() == null ? "none needed" : p.keyVariable() + " " + p.key().fingerprint();
  }

  private static String ttft(AttemptResult r) {
    return r.timeToFirstToken() == null ? "?" : ms(r.timeToFirstToken());
  }

  private static String ms(Duration d) {
    return d.toMillis() + " ms";
  }

  static String snippet(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() > 120 ? flat.substring(0, 120) + "…" : flat;
  }
}
