package dev.socra.server.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The front page: what Socra does, and whether it answers with real models or the demo stub. */
@Controller
class LandingController {
  @GetMapping("/")
  String landing() {
    return "landing";
  }
}
