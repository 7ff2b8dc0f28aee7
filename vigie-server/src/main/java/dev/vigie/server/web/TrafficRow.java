package dev.vigie.server.web;

/** One row of the live traffic table: last second's rates, the window's peak, an SVG sparkline. */
public record TrafficRow(String machine, long in, long out, long peak, String sparkline) {}
