package io.mallard.lmtp.command;

/** RFC 6531 §3.2: without SMTPUTF8, envelope addresses must be ASCII. */
final class Ascii {

    private Ascii() {
    }

    static boolean is(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }
}
