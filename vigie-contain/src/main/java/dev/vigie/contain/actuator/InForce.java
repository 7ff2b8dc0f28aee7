package dev.vigie.contain.actuator;

import dev.vigie.contain.IsolationKind;
import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;

/**
 * One element an actuator reports as in force.
 *
 * @param kind source block or machine isolation (which set it is in)
 * @param prefix the address or prefix
 * @param remaining time left before the actuator expires it by itself, null when permanent
 * @param tag the isolation id the element was applied for, null when unknown
 */
public record InForce(IsolationKind kind, Cidr prefix, Duration remaining, String tag) {}
