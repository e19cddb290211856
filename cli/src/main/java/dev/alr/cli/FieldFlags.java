package dev.alr.cli;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the field names that engine and model messages start with ({@code dataset: unknown
 * dataset 'cifar10'}, {@code limit/val leave no training sample}, {@code anneal.epochs: must be
 * >= 1}) into the flags a command-line user typed ({@code --dataset: ...}, {@code --limit/--val
 * ...}, {@code --anneal-epochs: ...}). The message's leading words are mapped when they read as
 * fields: followed by ':', by one value and ':', or joined to another field; a field that never
 * starts a message as a plain word (every field but {@code model}, {@code hidden}, {@code
 * dataset}, {@code limit}, {@code updater}, {@code momentum}, {@code host}, {@code port} and {@code
 * device}, and {@code lr}, which is mapped only before ':') is mapped whenever it leads
 * ({@code pruneFraction must be in (0, 1)}). After a mapped lead, the few fields that messages
 * name in their text ({@code lr: must be in [minLr, maxLr]}) are mapped too; the rest is left as
 * written. Each field maps to exactly one flag. Stateless and thread-safe.
 */
final class FieldFlags {
  /** Field → flag; fields whose flag is the same word are listed too. */
  private static final Map<String, String> FLAGS = Map.ofEntries(
      Map.entry("model", "--model"), Map.entry("hidden", "--hidden"), Map.entry("dataset", "--dataset"),
      Map.entry("limit", "--limit"), Map.entry("val", "--val"), Map.entry("batchSize", "--batch"),
      Map.entry("updater", "--updater"), Map.entry("momentum", "--momentum"),
      Map.entry("lr", "--lr"), Map.entry("minLr", "--min-lr"), Map.entry("maxLr", "--max-lr"),
      Map.entry("epochs", "--epochs"), Map.entry("workers", "--workers"), Map.entry("roundSteps", "--round-steps"),
      Map.entry("strategy", "--strategy"), Map.entry("factors", "--factors"), Map.entry("beams", "--beam"),
      Map.entry("select", "--select"), Map.entry("maxBackoffs", "--max-backoffs"),
      Map.entry("anneal", "--anneal"), Map.entry("anneal.epochs", "--anneal-epochs"),
      Map.entry("halving", "--halving"), Map.entry("rungs", "--rungs"),
      Map.entry("maxDrop", "--max-drop"), Map.entry("rankTail", "--rank-tail"),
      Map.entry("probeEvery", "--probe-every"), Map.entry("probeBatch", "--probe-batch"),
      Map.entry("probeRule", "--probe-rule"), Map.entry("gridPoints", "--grid-points"),
      Map.entry("gridMin", "--grid-min"), Map.entry("gridMax", "--grid-max"),
      Map.entry("scheduleFree.beta", "--sf-beta"), Map.entry("dog.epsilon", "--dog-eps"),
      Map.entry("resume", "--resume"), Map.entry("overwrite", "--overwrite"),
      Map.entry("checkpointDir", "--checkpoint-dir"),
      Map.entry("policy", "--policy"), Map.entry("grid", "--grid"), Map.entry("pruneFraction", "--prune-fraction"),
      Map.entry("cycles", "--cycles"), Map.entry("cycleEpochs", "--cycle-epochs"), Map.entry("reset", "--reset"),
      Map.entry("silo.offset", "--silo-offset"), Map.entry("silo.alpha", "--silo-alpha"),
      Map.entry("silo.beta", "--silo-beta"), Map.entry("silo.delay", "--silo-delay"),
      Map.entry("host", "--bind"), Map.entry("port", "--port"), Map.entry("management.port", "--management-port"),
      Map.entry("discovery", "--discovery"), Map.entry("serviceName", "--service-name"),
      Map.entry("requiredContactPoints", "--required-contact-points"), Map.entry("minWorkers", "--min-workers"),
      Map.entry("slots", "--slots"), Map.entry("device", "--device"), Map.entry("seedNodes", "--seed-nodes"),
      Map.entry("discoveryEndpoints", "--discovery-endpoints"));

  /** Fields that also start messages as plain words, so they are mapped only in a field's shape. */
  private static final Set<String> PLAIN_WORDS = Set.of("model", "hidden", "dataset", "limit", "updater", "momentum",
      "host", "port", "device");

  /** Fields that also start messages with a word and ':' ({@code lr auto: ...}), so they are mapped only before ':'. */
  private static final Set<String> COLON_ONLY = Set.of("lr");

  /** Fields named in a message's text after its lead, with the words around them that make them a field. */
  private static final Map<String, String> IN_TEXT = Map.of(
      "[minLr, maxLr]", "[--min-lr, --max-lr]", "<= maxLr,", "<= --max-lr,", "[1, batchSize]", "[1, --batch]",
      "needs checkpointDir DIR", "needs --checkpoint-dir DIR", "combined with resume", "combined with --resume",
      "only strategy alr", "only --strategy alr", "(val K with", "(--val K with", "(or discovery)", "(or --discovery)",
      "discovery config", "--discovery config");

  /** The leading field names, joined by "/" or " and ", ending at ' ', ':' or the end. */
  private static final Pattern LEADING =
      Pattern.compile("^([A-Za-z][A-Za-z.]*)((?:(?:/| and )[A-Za-z][A-Za-z.]*)*)(?=[ :]|$)");

  /** What follows a single leading field: ':' at once or after one value ({@code limit 101: ...}). */
  private static final Pattern VALUE_THEN_COLON = Pattern.compile(":| [^ :]+:");

  private FieldFlags() {
  }

  /** Whether a single leading {@code field}, followed by {@code after}, is a field and not a word. */
  private static boolean readsAsField(String field, String after) {
    if (COLON_ONLY.contains(field)) {
      return after.startsWith(":");
    }
    return !PLAIN_WORDS.contains(field) || VALUE_THEN_COLON.matcher(after).lookingAt();
  }

  /** {@code message} with its leading field names written as flags; unchanged when it starts otherwise. */
  static String toFlags(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = LEADING.matcher(message);
    if (!m.find() || !FLAGS.containsKey(m.group(1)) || !(m.group(2).length() > 0 || readsAsField(m.group(1),
        message.substring(m.end())))) {
      return message;
    }
    StringBuilder out = new StringBuilder(FLAGS.get(m.group(1)));
    Matcher rest = Pattern.compile("(/| and )([A-Za-z][A-Za-z.]*)").matcher(m.group(2));
    while (rest.find()) {
      String flag = FLAGS.get(rest.group(2));
      if (flag == null) {
        return out + message.substring(m.end(1) + rest.start());
      }
      out.append(rest.group(1)).append(flag);
    }
    String text = message.substring(m.end());
    for (Map.Entry<String, String> e : IN_TEXT.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    return out + text;
  }
}
