package io.mallard.model.user;

/** A new application password together with its clear text, which is shown this once and never stored. */
public record CreatedAppPassword(AppPassword appPassword, String password) {
}
