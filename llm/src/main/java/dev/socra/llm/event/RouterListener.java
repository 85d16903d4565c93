package dev.socra.llm.event;

/**
 * Hears every {@link RouterEvent}, on the thread of the call that caused it. A listener must be
 * quick and must not throw; one that throws is logged and ignored.
 */
@FunctionalInterface
public interface RouterListener {
  void onEvent(RouterEvent event);
}
