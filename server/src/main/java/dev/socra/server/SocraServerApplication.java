package dev.socra.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring Boot application: every bean lives in this package and below. */
@SpringBootApplication
public class SocraServerApplication {}
