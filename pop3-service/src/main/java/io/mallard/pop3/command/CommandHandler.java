package io.mallard.pop3.command;

import java.util.Set;

import io.mallard.pop3.codec.Pop3Request;
import reactor.core.publisher.Mono;

/**
 * One POP3 command. The dispatcher checks {@link #states()} before calling, marks the session busy
 * and stops reading until the returned Mono ends, so a handler sees one command at a time and may
 * complete on any thread. A handler writes its own answer, success or {@code -ERR}.
 */
public interface CommandHandler {

    Set<Pop3State> states();

    Mono<Void> handle(Pop3Request request, Pop3Conversation conversation);
}
