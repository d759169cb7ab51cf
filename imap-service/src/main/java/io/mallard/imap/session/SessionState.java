package io.mallard.imap.session;

/** RFC 9051 §3 connection states. */
public enum SessionState {
    NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT
}
