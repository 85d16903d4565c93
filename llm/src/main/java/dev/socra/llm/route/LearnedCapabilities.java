package dev.socra.llm.route;

import dev.socra.llm.config.Capabilities;
import dev.socra.llm.config.Feature;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one target turned out not to take, for the life of the process: a feature it refused (a
 * prefill refused once is not sent to that model again; a refused strict schema is sent without
 * {@code strict}), or, when its words did not say which, the shape of the request it refused (the
 * set of features that request used), so a request of that shape goes elsewhere. {@code socra
 * check} feeds it too.
 */
public final class LearnedCapabilities {
  private static final Logger LOG = LoggerFactory.getLogger(LearnedCapabilities.class);

  private final TargetId target;
  private final Map<Feature, String> refused =
      Collections.synchronizedMap(new EnumMap<>(Feature.class));
  private final Map<Set<Feature>, String> refusedShapes = new ConcurrentHashMap<>();

  public LearnedCapabilities(TargetId target) {
    this.target = target;
  }

  /** {@code declared}, less what this target refused. */
  public Capabilities applyTo(Capabilities declared) {
    Capabilities c = declared;
    for (Feature f : refusedFeatures().keySet()) {
      c = c.without(f);
    }
    return c;
  }

  /** The target refused {@code feature}; {@code why} is the router's summary of the refusal. */
  public void refuse(Feature feature, String why) {
    if (refused.putIfAbsent(feature, why) == null) {
      LOG.info(
          "{} does not take {}: from now on sent without it ({})", target, feature.wireName(), why);
    }
  }

  /** The target refused a request of this shape without saying which part it could not take. */
  public void refuseShape(Set<Feature> shape, String why) {
    if (refusedShapes.putIfAbsent(Set.copyOf(shape), why) == null) {
      LOG.info(
          "{} refused a {} request: such requests go to other targets from now on ({})",
          target,
          shapeText(shape),
          why);
    }
  }

  /** Why a request of this shape goes elsewhere, or null when nothing says so. */
  public String refusedShape(Set<Feature> shape) {
    return refusedShapes.get(Set.copyOf(shape));
  }

  /** Feature to the summary of its refusal, in the order of {@link Feature}. */
  public Map<Feature, String> refusedFeatures() {
    synchronized (refused) {
      return new LinkedHashMap<>(refused);
    }
  }

  /** {@code json_schema+prefill}, or {@code plain} for a request using none. */
  public static String shapeText(Set<Feature> shape) {
    if (shape.isEmpty()) {
      return "plain";
    }
    return String.join("+", shape.stream().sorted().map(Feature::wireName).toList());
  }
}
