package io.mallard.protocol.hook;

/** Whether a new connection may proceed; a rejection carries the reason sent to the client. */
public record ConnectionDecision(boolean accepted, String reason) {

    private static final ConnectionDecision ACCEPT = new ConnectionDecision(true, null);

    public static ConnectionDecision accept() {
        return ACCEPT;
    }

    public static ConnectionDecision reject(String reason) {
        return new ConnectionDecision(false, reason);
    }
}
