package dev.vigie.server.ingest;

/**
 * One received HEP packet, copied out of the network buffer, with its arrival time and the address
 * of the capture agent that sent it.
 */
public record Datagram(byte[] bytes, long receivedNanos, java.net.InetAddress agent, boolean tcp) {}
