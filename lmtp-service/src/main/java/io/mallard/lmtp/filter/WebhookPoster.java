package io.mallard.lmtp.filter;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The filter action "post to a webhook": the raw message goes by POST as {@code message/rfc822}
 * with the JDK's non-blocking HTTP client. Best effort, like WildDuck's: a failing endpoint is
 * logged and never fails the delivery, which is already stored.
 */
public final class WebhookPoster {

    private static final Logger log = LoggerFactory.getLogger(WebhookPoster.class);

    private final HttpClient client;
    private final Duration timeout;

    public WebhookPoster(Duration timeout) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.timeout = timeout;
    }

    public Mono<Void> post(List<String> urls, String user, byte[] raw) {
        return Flux.fromIterable(urls)
                .flatMap(url -> Mono.fromFuture(() -> client.sendAsync(HttpRequest.newBuilder(URI.create(url))
                                        .timeout(timeout)
                                        .header("Content-Type", "message/rfc822")
                                        .header("X-Mallard-User", user)
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                                        .build(), HttpResponse.BodyHandlers.discarding()))
                        .doOnNext(response -> {
                            if (response.statusCode() >= 300) {
                                log.warn("webhook {} answered {}", url, response.statusCode());
                            }
                        })
                        .onErrorResume(error -> {
                            log.warn("webhook {} failed: {}", url, error.toString());
                            return Mono.empty();
                        }))
                .then();
    }
}
