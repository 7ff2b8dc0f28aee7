package dev.vigie.detect;

/** How bad an alert is: the warning or the critical level of the threshold it crossed. */
public enum Severity {
  WARNING,
  CRITICAL
}
