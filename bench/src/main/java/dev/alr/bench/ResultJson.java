package dev.alr.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alr.engine.CandidateRecord;
import dev.alr.engine.EpochRecord;
import dev.alr.engine.SearchResult;
import dev.alr.engine.events.EventLog;
import dev.alr.engine.policy.Beam;
import dev.alr.engine.spi.Evaluation;

/**
 * The documented JSON form of a {@link SearchResult} (README, "JSON output"): built field by
 * field so the shape is stable and carries {@code formatVersion}; non-finite numbers become
 * {@code null}. Stateless and thread-safe.
 */
public final class ResultJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultJson() {
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
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render result as JSON", e);
    }
  }

  /** The result as a JSON tree. */
  public static ObjectNode toTree(String command, SearchResult r) {
    return toTree(command, EventLog.configTree(r.config()), r);
  }

  /** The result as a JSON tree, with {@code config} as its configuration (see {@link #toJson(String, JsonNode, SearchResult)}). */
  public static ObjectNode toTree(String command, JsonNode config, SearchResult r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("formatVersion", r.formatVersion());
    root.put("command", command);
    root.set("config", config);
    ArrayNode epochs = root.putArray("epochs");
    for (EpochRecord e : r.epochs()) {
      ObjectNode n = epoch(e);
      if (r.config() != null && r.config().roundSteps() > 0) {
        n.put("round", e.round());
        n.put("fromBatch", e.fromBatch());
        n.put("toBatch", e.toBatch());
      }
      epochs.add(n);
    }
    ArrayNode path = root.putArray("lrPath");
    r.lrPath().forEach(x -> path.add(num(x)));
    ArrayNode lineage = root.putArray("lineage");
    r.lineage().forEach(lineage::add);
    root.set("finalTest", evaluation(r.finalTest()));
    root.set("wallSeconds", num(r.wallSeconds()));
    root.put("candidateEpochs", r.candidateEpochs());
    root.put("sampleGradients", r.sampleGradients());
    root.put("probeForwards", r.probeForwards());
    root.put("bytesCopied", r.bytesCopied());
    root.put("termination", r.termination().toString());
    root.put("message", r.message());
    return root;
  }

  private static ObjectNode epoch(EpochRecord e) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("epoch", e.epoch());
    n.put("attempt", e.attempt());
    n.put("outcome", e.outcome().toString());
    n.set("seconds", num(e.seconds()));
    n.set("span", num(e.span()));
    ArrayNode cs = n.putArray("candidates");
    for (CandidateRecord c : e.candidates()) {
      ObjectNode x = cs.addObject();
      x.put("id", c.id());
      x.put("parent", c.parent());
      x.put("line", c.line());
      x.set("factor", num(c.factor()));
      x.set("lr", num(c.lr()));
      x.set("endLr", num(c.endLr()));
      x.set("loss", num(c.loss()));
      x.set("valLoss", num(c.valLoss()));
      x.set("seconds", num(c.seconds()));
      x.put("worker", c.worker());
      x.put("bytesCopied", c.bytesCopied());
      x.put("sampleGradients", c.sampleGradients());
      x.put("probeForwards", c.probeForwards());
    }
    ArrayNode bs = n.putArray("beams");
    for (Beam b : e.beams()) {
      ObjectNode x = bs.addObject();
      x.put("id", b.candidateId());
      x.put("line", b.line());
      x.set("lr", num(b.lr()));
      x.set("loss", num(b.loss()));
    }
    n.set("test", evaluation(e.test()));
    return n;
  }

  private static JsonNode evaluation(Evaluation e) {
    if (e == null) {
      return MAPPER.nullNode();
    }
    ObjectNode n = MAPPER.createObjectNode();
    n.set("loss", num(e.loss()));
    n.set("accuracy", num(e.accuracy()));
    n.put("samples", e.samples());
    return n;
  }

  private static JsonNode num(double x) {
    return Double.isFinite(x) ? MAPPER.getNodeFactory().numberNode(x) : MAPPER.nullNode();
  }
}
