package io.mallard.protocol.limit;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether a connection is working for its client: a command in progress, a response being
 * streamed. While busy, {@link IdleTimeoutHandler} does not cut the connection and a graceful
 * shutdown waits. Calls nest and may come from any thread.
 */
public final class SessionActivity {

    private static final AttributeKey<SessionActivity> KEY = AttributeKey.valueOf("mallard.activity");

    private final AtomicInteger busy = new AtomicInteger();

    /** The activity of {@code channel}, created on first use. */
    public static SessionActivity of(Channel channel) {
        SessionActivity activity = channel.attr(KEY).get();
        if (activity == null) {
            SessionActivity created = new SessionActivity();
            activity = channel.attr(KEY).setIfAbsent(created);
            return activity == null ? created : activity;
        }
        return activity;
    }

    public void begin() {
        busy.incrementAndGet();
    }

    /** @return true when this call made the session idle */
    public boolean end() {
        return busy.updateAndGet(count -> Math.max(0, count - 1)) == 0;
    }

    public boolean busy() {
        return busy.get() > 0;
    }
}
