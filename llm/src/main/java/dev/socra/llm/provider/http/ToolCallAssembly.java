package dev.socra.llm.provider.http;

import dev.socra.llm.ToolCall;
import dev.socra.llm.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tool calls of one streamed answer as their pieces arrive: each call opened by its id and
 * name, its arguments appended piece by piece, and every piece queued once for the caller's sink.
 * Only a stream that ends with its finish reason makes them {@link #complete}.
 */
public final class ToolCallAssembly {
  private final Map<Integer, Call> calls = new TreeMap<>();
  private final List<ToolCallDelta> pending = new ArrayList<>();

  private static final class Call {
    final String id;
    final String name;
    final StringBuilder arguments = new StringBuilder();

    Call(String id, String name) {
      this.id = id;
      this.name = name;
    }
  }

  /** True when call {@code index} has been opened. */
  public boolean has(int index) {
    return calls.containsKey(index);
  }

  /** Opens call {@code index}; a second opening of the same index is ignored. */
  public void open(int index, String id, String name) {
    if (calls.putIfAbsent(index, new Call(id, name)) == null) {
      pending.add(new ToolCallDelta(index, id, name, ""));
    }
  }

  /** More of call {@code index}'s arguments; ignored for a call never opened, or when empty. */
  public void append(int index, String arguments) {
    Call c = calls.get(index);
    if (c == null || arguments == null || arguments.isEmpty()) {
      return;
    }
    c.arguments.append(arguments);
    pending.add(new ToolCallDelta(index, null, null, arguments));
  }

  /** Whether call {@code index} has any arguments yet. */
  public boolean hasArguments(int index) {
    Call c = calls.get(index);
    return c != null && !c.arguments.isEmpty();
  }

  /** The pieces not yet handed out, oldest first; each is handed out once. */
  public List<ToolCallDelta> drain() {
    if (pending.isEmpty()) {
      return List.of();
    }
    List<ToolCallDelta> out = List.copyOf(pending);
    pending.clear();
    return out;
  }

  public boolean isEmpty() {
    return calls.isEmpty();
  }

  /** The calls as they stand, in order: complete once the answer's finish reason came. */
  public List<ToolCall> complete() {
    List<ToolCall> out = new ArrayList<>(calls.size());
    for (Call c : calls.values()) {
      out.add(new ToolCall(c.id, c.name, c.arguments.toString()));
    }
    return out;
  }
}
