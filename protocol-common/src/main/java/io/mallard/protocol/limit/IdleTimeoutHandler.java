package io.mallard.protocol.limit;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Closes a connection on which nothing happened for the timeout: no byte read, no write progress,
 * and the session not marked busy ({@link SessionActivity}). As in WildDuck, an idle client is cut
 * off but a slow one never is: every chunk a slow reader takes off a large response counts as
 * activity ({@code observeOutput}), and a long command keeps the session busy.
 *
 * <p>RFC 9051 §5.4 asks for at least 30 minutes of IMAP inactivity before an autologout once
 * authenticated; RFC 1939 §3 at least 10 minutes for POP3. The value is the protocol's to choose,
 * and a session may change it as its state changes ({@code SessionContext.idleTimeout}).
 */
public final class IdleTimeoutHandler extends IdleStateHandler {

    /** The name of the handler in every protocol pipeline. */
    public static final String NAME = "idle";

    private final Consumer<ChannelHandlerContext> onIdle;

    /** @param onIdle runs on the event loop, e.g. writes {@code * BYE Autologout} and closes */
    public IdleTimeoutHandler(Duration timeout, Consumer<ChannelHandlerContext> onIdle) {
        super(true, 0, 0, timeout.toNanos(), TimeUnit.NANOSECONDS);
        this.onIdle = onIdle;
    }

    /** The same goodbye after another timeout; the clock starts again when it replaces this one. */
    public IdleTimeoutHandler withTimeout(Duration timeout) {
        return new IdleTimeoutHandler(timeout, onIdle);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (!SessionActivity.of(ctx.channel()).busy()) {
            onIdle.accept(ctx);
        }
    }
}
