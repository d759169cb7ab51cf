package io.mallard.api.twofa;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the 2FA resource, with WildDuck's field names. */
final class TwoFactorRequests {

    static final String CODE = "\\d{6}";
    static final String CODE_MESSAGE = "must be 6 digits";

    private TwoFactorRequests() {
    }

    /**
     * @param issuer shown in the authenticator app (the service's name)
     * @param label the account's name in the app; the username when absent
     */
    record Setup(@NotBlank @Size(max = 255) String issuer, @Size(min = 1, max = 255) String label) {
    }

    /** @param seed Base32, once: the store keeps it sealed; {@code qrcode} is a PNG data URL of {@code otpauthUrl} */
    record SetupResult(boolean success, String seed, String otpauthUrl, String qrcode) {
    }

    /** @param token the 6-digit code the app shows now */
    record Code(@NotNull @Pattern(regexp = CODE, message = CODE_MESSAGE) String token) {
    }
}
