package io.mallard.model.user;

/** A user's TOTP fields as stored (seeds sealed by {@link SeedCipher}); null when absent. */
record StoredTotp(boolean enabled, String seed, String pendingSeed) {
}
