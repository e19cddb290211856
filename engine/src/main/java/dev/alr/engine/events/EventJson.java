package dev.alr.engine.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The one Jackson mapper of the event log: records bound by their components, non-finite doubles
 * written as {@code null} and read back as NaN, unknown fields ignored (a newer writer may add
 * some), enums by their lower-case JSON names. Other JSON files of alr (the bench's
 * {@code results.json}) write with it too, so NaN means one thing everywhere. Thread-safe.
 */
public final class EventJson {
  /** The mapper; share it, do not reconfigure it. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(nonFiniteAsNull())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
      .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
      .build();

  private EventJson() {
  }

  private static SimpleModule nonFiniteAsNull() {
    JsonSerializer<Double> write = new JsonSerializer<>() {
      @Override
      public void serialize(Double x, JsonGenerator g, SerializerProvider p) throws IOException {
        if (Double.isFinite(x)) {
          g.writeNumber(x);
        } else {
          g.writeNull();
        }
      }
    };
    return new SimpleModule("alr-events")
        .addSerializer(Double.class, write)
        .addSerializer(double.class, write)
        .addDeserializer(Double.class, new NumberDeserializers.DoubleDeserializer(Double.class, Double.NaN))
        .addDeserializer(double.class, new NumberDeserializers.DoubleDeserializer(double.class, Double.NaN));
  }
}
