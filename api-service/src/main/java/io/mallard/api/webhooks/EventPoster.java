package io.mallard.api.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.mallard.model.webhook.WebhookDelivery;
import reactor.core.publisher.Mono;

/**
 * One attempt to post a delivery, with the JDK's non-blocking HTTP client. The event id travels in
 * the body and in {@code X-Mallard-Event-Id} so that receivers can drop repeats (delivery is at
 * least once); with a secret, {@code X-Mallard-Signature: sha256=<hex>} is the HMAC-SHA256 of the
 * exact body bytes.
 */
final class EventPoster {

    static final String SIGNATURE = "X-Mallard-Signature";

    private final HttpClient client;
    private final Duration timeout;

    EventPoster(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    /** The receiver's HTTP status; an error when it could not be reached in time. */
    Mono<Integer> post(WebhookDelivery delivery) {
        return Mono.defer(() -> {
            byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Mallard-Webhooks")
                    .header("X-Mallard-Event", delivery.type())
                    .header("X-Mallard-Event-Id", delivery.eventId())
                    .header("X-Mallard-Delivery", delivery.id())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (delivery.secret() != null) {
                request.header(SIGNATURE, "sha256=" + sign(delivery.secret(), body));
            }
            return Mono.fromFuture(() -> client.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()))
                    .map(HttpResponse::statusCode);
        });
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
