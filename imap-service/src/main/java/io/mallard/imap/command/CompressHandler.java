package io.mallard.imap.command;

import java.util.List;
import java.util.Set;

import io.mallard.imap.codec.ImapRequest;
import io.mallard.imap.session.ImapConnection;
import io.mallard.imap.session.SessionState;
import reactor.core.publisher.Mono;

/**
 * RFC 4978 COMPRESS=DEFLATE: raw deflate both ways from the tagged OK on, inside TLS when TLS is on
 * (Netty's zlib codecs, see {@code SessionContext.startCompression}). Only after login (as RFC 4978 §3
 * has it), so credentials are never compressed together with anything an attacker could choose (CRIME).
 */
final class CompressHandler implements CommandHandler {

    @Override
    public List<String> names() {
        return List.of("COMPRESS");
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public String capability() {
        return "COMPRESS=DEFLATE";
    }

    @Override
    public Mono<Void> handle(ImapRequest request, ImapConnection connection) {
        ImapRequest.Compress compress = (ImapRequest.Compress) request;
        if (connection.context().compressionActive()) {
            return connection.no(compress.tag(), "COMPRESSIONACTIVE", "Already compressing");
        }
        if (!compress.mechanism().equals("DEFLATE")) {
            return connection.bad(compress.tag(), "Unknown compression mechanism");
        }
        return connection.okThenCompress(compress.tag());
    }
}
