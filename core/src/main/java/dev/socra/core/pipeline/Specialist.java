package dev.socra.core.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The five personas that work on the idea in parallel once the interview is done. */
public enum Specialist {
  @JsonProperty("market")
  MARKET(
      "Market and customer",
      "market size, segments, the customer's current behaviour and alternatives"),
  @JsonProperty("architecture")
  ARCHITECTURE(
      "Product and technical architecture", "what to build first, system components, build risks"),
  @JsonProperty("economics")
  ECONOMICS(
      "Unit economics and finance", "pricing, costs per customer, margins, payback, funding needs"),
  @JsonProperty("go_to_market")
  GO_TO_MARKET(
      "Go-to-market and growth", "first hundred customers, channels, sales motion, growth loops"),
  @JsonProperty("risk")
  RISK(
      "Risk, legal and regulatory",
      "regulation, liability, data protection, dependency and key-person risks");

  private final String title;
  private final String focus;

  Specialist(String title, String focus) {
    this.title = title;
    this.focus = focus;
  }

  public String title() {
    return title;
  }

  public String focus() {
    return focus;
  }
}
