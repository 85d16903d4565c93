package dev.socra.core.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationOption;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schema of a Java record, generated from the record itself (its components, enums and
 * Jakarta constraints), so the type and the schema the model is held to cannot drift apart. Every
 * property is required and no other property is allowed, as strict structured-output modes demand;
 * properties keep the record's declaration order.
 */
public final class Schemas {
  private static final SchemaGenerator GENERATOR = generator();
  private static final Map<Class<?>, ObjectNode> CACHE = new ConcurrentHashMap<>();

  private Schemas() {}

  private static SchemaGenerator generator() {
    SchemaGeneratorConfigBuilder config =
        new SchemaGeneratorConfigBuilder(SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonModule(JacksonOption.FLATTENED_ENUMS_FROM_JSONPROPERTY))
            .with(
                new JakartaValidationModule(
                    JakartaValidationOption.NOT_NULLABLE_FIELD_IS_REQUIRED,
                    JakartaValidationOption.INCLUDE_PATTERN_EXPRESSIONS))
            .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT)
            .with(Option.DEFINITIONS_FOR_ALL_OBJECTS)
            .without(Option.SCHEMA_VERSION_INDICATOR);
    config.forFields().withRequiredCheck(field -> true);
    config.forTypesInGeneral().withPropertySorter(Schemas::declarationOrder);
    return new SchemaGenerator(config.build());
  }

  /**
   * Properties in the order the record declares them, not alphabetically: a model writes the fields
   * in schema order, so a record that puts its reasons before its scores and its conclusion last
   * (say, {@code decision} after the scores it rests on) gets them written in that order.
   */
  private static int declarationOrder(MemberScope<?, ?> a, MemberScope<?, ?> b) {
    return Integer.compare(position(a), position(b));
  }

  private static int position(MemberScope<?, ?> member) {
    RecordComponent[] components = member.getDeclaringType().getErasedType().getRecordComponents();
    if (components == null) {
      return Integer.MAX_VALUE;
    }
    for (int i = 0; i < components.length; i++) {
      if (components[i].getName().equals(member.getDeclaredName())) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  /** The schema of {@code type}; the same instance every time, so do not modify it. */
  public static JsonNode of(Class<?> type) {
    return CACHE.computeIfAbsent(type, GENERATOR::generateSchema);
  }

  /** A name for the schema, as structured-output APIs ask for one: {@code TurnEvaluation}. */
  public static String nameOf(Class<?> type) {
    return type.getSimpleName();
  }
}
