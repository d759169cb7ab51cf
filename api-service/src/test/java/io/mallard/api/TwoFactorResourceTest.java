package io.mallard.api;

import static io.mallard.api.ApiServer.expectError;
import static io.mallard.api.ApiServer.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import io.mallard.model.user.TotpCodes;
import io.mallard.model.user.User;

/** {@code /users/{user}/2fa}: set-up, enable, check, disable; validation, not found, forbidden, unauthenticated. */
class TwoFactorResourceTest {

    static final ApiServer server = ApiServer.shared();
    static final String ROOT = ApiServer.ROOT_TOKEN;
    static final String NO_SUCH = "0123456789abcdef01234567";

    @Test
    void setUpEnableCheckAndDisable() throws IOException {
        User tara = server.user("tara");
        String token = server.token(tara);
        Map<?, ?> setup = server.post(token, map("issuer", "Mallard Mail"), "/users/me/2fa/totp/setup").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String seed = (String) setup.get("seed");
        assertThat(seed).matches("[A-Z2-7]{32}");
        assertThat((String) setup.get("otpauthUrl")).startsWith("otpauth://totp/Mallard%20Mail:" + tara.username() + "?secret="
                + seed);
        String qrcode = (String) setup.get("qrcode");
        assertThat(qrcode).startsWith("data:image/png;base64,");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(
                qrcode.substring("data:image/png;base64,".length()))));
        assertThat(png.getWidth()).isEqualTo(256);
        server.get(token, "/users/me").exchange().expectBody().jsonPath("$.enabled2fa").isEqualTo(List.of());

        expectError(server.post(token, map("token", "000000".equals(code(seed, 0)) ? "111111" : "000000"),
                "/users/me/2fa/totp/enable").exchange(), 400, "InvalidToken");
        server.post(token, map("token", code(seed, 0)), "/users/me/2fa/totp/enable").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.success").isEqualTo(true);
        server.get(token, "/users/me").exchange().expectBody().jsonPath("$.enabled2fa").isEqualTo(List.of("totp"));
        expectError(server.post(token, map("issuer", "Mallard"), "/users/me/2fa/totp/setup").exchange(), 409, "TotpEnabled");

        String next = code(seed, 30);
        server.post(token, map("token", next), "/users/me/2fa/totp/check").exchange().expectStatus().isOk();
        expectError(server.post(token, map("token", next), "/users/me/2fa/totp/check").exchange(), 403, "InvalidToken");

        server.delete(token, "/users/me/2fa/totp").exchange().expectStatus().isOk();
        server.get(token, "/users/me").exchange().expectBody().jsonPath("$.enabled2fa").isEqualTo(List.of());
        server.post(token, map("issuer", "Mallard"), "/users/me/2fa/totp/setup").exchange().expectStatus().isOk();
        server.delete(ROOT, "/users/{u}/2fa", tara.id().toHexString()).exchange().expectStatus().isOk();
    }

    @Test
    void validationNotFoundForbiddenAndAnonymous() {
        User uma = server.user("uma");
        User vic = server.user("vic");
        String token = server.token(uma);
        String vid = vic.id().toHexString();

        server.post(token, map("label", "phone"), "/users/me/2fa/totp/setup").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.issuer").isNotEmpty();
        server.post(token, map("token", "12345a"), "/users/me/2fa/totp/check").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.details.token").isEqualTo("must be 6 digits");
        expectError(server.post(token, map(), "/users/me/2fa/totp/enable").exchange(), 400, "InputValidationError");

        expectError(server.post(ROOT, map("issuer", "x"), "/users/{u}/2fa/totp/setup", NO_SUCH).exchange(), 404,
                "UserNotFound");
        expectError(server.post(ROOT, map("token", "123456"), "/users/{u}/2fa/totp/enable", NO_SUCH).exchange(), 404,
                "UserNotFound");
        expectError(server.post(ROOT, map("token", "123456"), "/users/{u}/2fa/totp/check", NO_SUCH).exchange(), 404,
                "UserNotFound");
        expectError(server.delete(ROOT, "/users/{u}/2fa/totp", NO_SUCH).exchange(), 404, "UserNotFound");
        expectError(server.post(token, map("token", "123456"), "/users/me/2fa/totp/enable").exchange(), 400,
                "InvalidToken");

        expectError(server.post(token, map("issuer", "x"), "/users/{u}/2fa/totp/setup", vid).exchange(), 403,
                "MissingPrivileges");
        expectError(server.post(token, map("token", "123456"), "/users/{u}/2fa/totp/check", vid).exchange(), 403,
                "MissingPrivileges");
        expectError(server.delete(token, "/users/{u}/2fa", vid).exchange(), 403, "MissingPrivileges");
        expectError(server.client.post().uri("/users/{u}/2fa/totp/setup", vid).bodyValue(map("issuer", "x")).exchange(),
                401, "InvalidToken");
        expectError(server.client.delete().uri("/users/{u}/2fa/totp", vid).exchange(), 401, "InvalidToken");
    }

    private static String code(String seed, long secondsFromNow) {
        return TotpCodes.code(seed, Instant.now().plusSeconds(secondsFromNow));
    }
}
