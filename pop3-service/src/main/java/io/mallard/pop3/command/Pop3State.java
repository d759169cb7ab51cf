package io.mallard.pop3.command;

/** RFC 1939 §3: the states of a POP3 session. */
public enum Pop3State {
    AUTHORIZATION, TRANSACTION, UPDATE
}
