package dev.vigie.catalog;

/**
 * A person to notify at a client.
 *
 * @param language "fr" or "en": the language of the notifications they receive
 */
public record Contact(String name, String email, String phone, String role, String language) {}
