package io.mallard.protocol.server;

import io.mallard.protocol.codec.ContentChunk;
import io.mallard.protocol.codec.ContentEnd;
import io.mallard.protocol.codec.Frame;
import io.mallard.protocol.codec.Line;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.TimeUnit;

/**
 * A tiny line protocol for server tests: echoes lines and records them as executed.
 * {@code STARTTLS} upgrades; {@code SLOW n} streams n lines 100 ms apart; {@code WAIT ms} stays
 * busy without writing, then answers {@code DONE}, holding back pipelined commands meanwhile;
 * {@code TIMEOUT ms} changes the idle timeout; {@code DATA} and {@code BDAT n} read a block the LMTP
 * way and answer its size; {@code QUIT} says BYE.
 */
final class EchoSession implements ProtocolSession {

    private final Queue<String> executed;
    private long received;

    EchoSession(Queue<String> executed) {
        this.executed = executed;
    }

    @Override
    public void onFrame(Frame frame, SessionContext context) {
        if (frame instanceof ContentChunk chunk) {
            received += chunk.length();
            return;
        }
        if (frame instanceof ContentEnd) {
            context.write("250 " + received);
            received = 0;
            return;
        }
        if (!(frame instanceof Line line)) {
            context.write("BAD unexpected " + frame);
            return;
        }
        String text = line.text();
        executed.add(text);
        String[] words = text.split(" ");
        switch (words[0]) {
            case "STARTTLS" -> context.startTls().complete(context.encode("OK begin TLS"));
            case "SLOW" -> {
                context.markBusy();
                stream(context, Integer.parseInt(words[1]));
            }
            case "WAIT" -> {
                context.markBusy();
                context.pauseReading();
                context.channel().eventLoop().schedule(() -> {
                    context.write("DONE");
                    context.markIdle();
                    context.resumeReading();
                }, Long.parseLong(words[1]), TimeUnit.MILLISECONDS);
            }
            case "TIMEOUT" -> {
                context.idleTimeout(Duration.ofMillis(Long.parseLong(words[1])));
                context.write("OK timeout " + words[1]);
            }
            case "DATA" -> {
                context.decoder().expectDotBlock(1000);
                context.write("354 go ahead");
            }
            case "BDAT" -> context.decoder().expectBytes(Long.parseLong(words[1]));
            case "QUIT" -> context.close("BYE");
            default -> context.write("ECHO " + text);
        }
    }

    private static void stream(SessionContext context, int remaining) {
        if (remaining == 0) {
            context.write("DONE");
            context.markIdle();
            return;
        }
        context.write("PART " + remaining);
        context.channel().eventLoop().schedule(() -> stream(context, remaining - 1), 100, TimeUnit.MILLISECONDS);
    }
}
