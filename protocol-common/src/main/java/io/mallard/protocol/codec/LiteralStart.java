package io.mallard.protocol.codec;

/**
 * A literal was announced at the end of the preceding line and is accepted: its {@code size}
 * octets follow as {@link ContentChunk}s, then {@link ContentEnd}.
 *
 * <p>For a synchronizing literal ({@code {n}}) the client waits: the session must now send a
 * command continuation request ({@code + Ready}, RFC 9051 §7.5). A non-synchronizing one
 * ({@code {n+}}, RFC 7888) is already on its way. {@code binary} marks {@code ~{n}} (RFC 3516),
 * whose content may contain NUL.
 */
public record LiteralStart(long size, boolean synchronizing, boolean binary) implements Frame {
}
