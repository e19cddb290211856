package dev.alr.engine.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.engine.LrRangeResult;
import dev.alr.engine.SearchResult;
import dev.alr.engine.policy.Beam;
import dev.alr.engine.policy.LrRangeTest;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The documented JSON form of a {@link SearchResult} (README, "JSON output"): Jackson data binding
 * of the result records, so a component added to a record appears in the JSON without code here.
 * The object starts with {@code formatVersion}, {@code command} and {@code config}; non-finite
 * numbers are written as {@code null}; enums by their lower-case names; a beam's candidate is
 * {@code id}; a range test's settings sit beside its curve; an absent range test is left out.
 *
 * <p>Lives in {@code alr-engine} (Jackson only), so a library user gets it without the bench.
 * Stateless and thread-safe.
 */
public final class ResultJson {
  private static final ObjectMapper MAPPER = EventJson.MAPPER.copy()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .addMixIn(Beam.class, BeamNames.class)
      .addMixIn(LrRangeResult.class, RangeTestNames.class)
      .registerModule(new SimpleModule("alr-result").addSerializer(LrRangeTest.Pick.class, new JsonSerializer<>() {
        @Override
        public void serialize(LrRangeTest.Pick p, JsonGenerator g, SerializerProvider s) throws IOException {
          g.writeString(p.name().toLowerCase(Locale.ROOT));
        }
      }));

  private ResultJson() {
  }

  /** The JSON names of a {@link Beam}'s components that differ from the record's. */
  private abstract static class BeamNames {
    @JsonProperty("id")
    abstract int candidateId();
  }

  /** A range test's settings unwrapped beside its curve. */
  private abstract static class RangeTestNames {
    @JsonUnwrapped
    abstract LrRangeTest test();
  }

  /** The result as pretty-printed JSON text. */
  public static String toJson(String command, SearchResult r) {
    return toJson(command, EventLog.configTree(r.config()), r);
  }

  /**
   * The result, whose configuration is given as {@code config} (its JSON form, as an event log
   * holds it; {@code r.config()} is not used), as pretty-printed JSON text.
   */
  public static String toJson(String command, JsonNode config, SearchResult r) {
    try {
      return MAPPER.writeValueAsString(toTree(command, config, r)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render result as JSON", e);
    }
  }

  /** The result as a JSON tree. */
  public static ObjectNode toTree(String command, SearchResult r) {
    return toTree(command, EventLog.configTree(r.config()), r);
  }

  /** The result as a JSON tree, with {@code config} as its configuration (see {@link #toJson(String, JsonNode, SearchResult)}). */
  public static ObjectNode toTree(String command, JsonNode config, SearchResult r) {
    ObjectNode bound = MAPPER.valueToTree(r);
    ObjectNode root = MAPPER.createObjectNode();
    root.set("formatVersion", bound.remove("formatVersion"));
    root.put("command", command);
    root.set("config", config);
    bound.remove("config");
    if (bound.path("rangeTest").isNull()) {
      bound.remove("rangeTest");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = bound.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      root.set(field.getKey(), field.getValue());
    }
    return root;
  }
}
