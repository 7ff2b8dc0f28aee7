package dev.vigie.catalog;

/** A machine's role, as in the inventory of DESIGN.md section 4. */
public enum MachineRole {
  PBX,
  PROXY,
  SBC,
  TRUNK,
  OTHER
}
