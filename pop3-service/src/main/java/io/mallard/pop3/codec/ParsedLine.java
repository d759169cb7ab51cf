package io.mallard.pop3.codec;

/** What {@link Pop3RequestParser} makes of a command line. */
public sealed interface ParsedLine permits Pop3Request, InvalidRequest {
}
