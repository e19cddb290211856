package dev.alr.cli;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the field names that engine and model messages start with ({@code dataset: unknown
 * dataset 'cifar10'}, {@code limit/val leave no training sample}) into the flags a command-line
 * user typed ({@code --dataset: ...}, {@code --limit/--val ...}). Only the message's leading words
 * are mapped, and only when they read as fields (followed by ':', by one value and ':', or joined
 * to another field); the rest is left as written. Stateless and thread-safe.
 */
final class FieldFlags {
  /** Workload field → flag; fields whose flag is the same word are listed too. */
  private static final Map<String, String> FLAGS = Map.of(
      "model", "--model", "hidden", "--hidden", "dataset", "--dataset", "limit", "--limit", "val", "--val",
      "batchSize", "--batch", "updater", "--updater", "momentum", "--momentum");

  /** The leading field names, joined by "/" or " and ". */
  private static final Pattern LEADING = Pattern.compile("^([A-Za-z]+)((?:(?:/| and )[A-Za-z]+)*)");

  /** What follows a single leading field: ':' at once or after one value ({@code limit 101: ...}). */
  private static final Pattern VALUE_THEN_COLON = Pattern.compile(":| [^ :]+:");

  private FieldFlags() {
  }

  /** {@code message} with its leading field names written as flags; unchanged when it starts otherwise. */
  static String toFlags(String message) {
    if (message == null) {
      return null;
    }
    Matcher m = LEADING.matcher(message);
    if (!m.find() || !FLAGS.containsKey(m.group(1)) || !(m.group(2).length() > 0
        || VALUE_THEN_COLON.matcher(message.substring(m.end())).lookingAt())) {
      return message;
    }
    StringBuilder out = new StringBuilder(FLAGS.get(m.group(1)));
    Matcher rest = Pattern.compile("(/| and )([A-Za-z]+)").matcher(m.group(2));
    while (rest.find()) {
      String flag = FLAGS.get(rest.group(2));
      if (flag == null) {
        return out + message.substring(m.end(1) + rest.start());
      }
      out.append(rest.group(1)).append(flag);
    }
    return out + message.substring(m.end());
  }
}
