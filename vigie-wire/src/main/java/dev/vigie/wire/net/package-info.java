/**
 * Network and transport layers, allocation-light: {@link dev.vigie.wire.net.LinkLayer} finds the IP
 * header, {@link dev.vigie.wire.net.IpDecoder} reads IPv4/IPv6 and UDP/TCP headers into a reused
 * {@link dev.vigie.wire.net.Packet} (fragments reassembled by a bounded {@link
 * dev.vigie.wire.net.FragmentReassembler}), {@link dev.vigie.wire.net.TcpReassembler} rebuilds TCP
 * streams and cuts them into messages, and {@link dev.vigie.wire.net.PayloadSniffer} tells SIP and
 * HEP apart from other payloads. Every decoder returns a result or a reason; none throws on bad
 * bytes. Instances are not thread-safe.
 */
package dev.vigie.wire.net;
