package dev.vigie.contain.config;

import dev.vigie.detect.inventory.Cidr;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every containment setting, immutable and validated. Built from a parsed YAML document by {@link
 * ConfigReader}, or in code from {@link #defaults()} and the {@code with*} copies.
 *
 * @param policy mode per alert kind and severity
 * @param machines hosted machines by inventory id
 * @param protectedRanges never contained: carriers, trunks, monitoring, Vigie's capture agents
 * @param cap automatic actions allowed per sliding window
 * @param expiry source block duration with escalation on repeat offences
 * @param approvalTimeout a pending request nobody answered expires after this
 * @param dryRun decide and record everything, apply nothing
 * @param trust proof of sources, the budget of questions about unproven ones, known-good addresses
 */
public record ContainmentConfig(
    PolicyTable policy,
    Map<String, MachinePolicy> machines,
    List<Cidr> protectedRanges,
    ActionCap cap,
    BlockExpiry expiry,
    Duration approvalTimeout,
    boolean dryRun,
    TrustConfig trust) {

  public ContainmentConfig {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(cap, "cap");
    Objects.requireNonNull(expiry, "expiry");
    machines = Map.copyOf(machines);
    protectedRanges = List.copyOf(protectedRanges);
    if (approvalTimeout == null || approvalTimeout.isNegative() || approvalTimeout.isZero()) {
      throw new ConfigException(
          "containment.approvalTimeout", approvalTimeout, "a positive duration");
    }
  }

  /** Default policy, no machines, nothing protected, 10 actions / 5 min, 10 min x4, 1 h to ask. */
  public static ContainmentConfig defaults() {
    return new ContainmentConfig(
        PolicyTable.defaults(),
        Map.of(),
        List.of(),
        ActionCap.defaults(),
        BlockExpiry.defaults(),
        Duration.ofHours(1),
        false,
        TrustConfig.defaults());
  }

  public ContainmentConfig withPolicy(PolicyTable p) {
    return new ContainmentConfig(
        p, machines, protectedRanges, cap, expiry, approvalTimeout, dryRun, trust);
  }

  public ContainmentConfig withMachines(List<MachinePolicy> list) {
    Map<String, MachinePolicy> m = new LinkedHashMap<>();
    for (MachinePolicy mp : list) {
      if (m.put(mp.id(), mp) != null) {
        throw new ConfigException("machines.id", mp.id(), "unique (it appears twice)");
      }
    }
    return new ContainmentConfig(
        policy, m, protectedRanges, cap, expiry, approvalTimeout, dryRun, trust);
  }

  public ContainmentConfig withProtected(List<Cidr> ranges) {
    return new ContainmentConfig(
        policy, machines, ranges, cap, expiry, approvalTimeout, dryRun, trust);
  }

  public ContainmentConfig withCap(ActionCap c) {
    return new ContainmentConfig(
        policy, machines, protectedRanges, c, expiry, approvalTimeout, dryRun, trust);
  }

  public ContainmentConfig withExpiry(BlockExpiry e) {
    return new ContainmentConfig(
        policy, machines, protectedRanges, cap, e, approvalTimeout, dryRun, trust);
  }

  public ContainmentConfig withDryRun(boolean d) {
    return new ContainmentConfig(
        policy, machines, protectedRanges, cap, expiry, approvalTimeout, d, trust);
  }

  public ContainmentConfig withTrust(TrustConfig t) {
    return new ContainmentConfig(
        policy, machines, protectedRanges, cap, expiry, approvalTimeout, dryRun, t);
  }
}
