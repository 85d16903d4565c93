package dev.socra.llm.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One fake per test class, reset before each test, and a client that speaks to it. */
abstract class FakeServerTest {
  static FakeProvider fake;
  static Wire wire;

  @BeforeAll
  static void start() {
    fake = FakeProvider.start(0);
    wire = new Wire(fake);
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  @BeforeEach
  void fresh() {
    fake.reset();
  }
}
