/**
 * Message ingest: a raw RFC 5322 message is parsed once, at append or delivery, by
 * {@link io.mallard.model.ingest.MessageParser} (Apache James mime4j reads the headers, the
 * parameters, the addresses and the transfer encodings; part boundaries are located in the raw
 * bytes so each part keeps exact offsets). The resulting {@link io.mallard.model.ingest.ParsedMessage}
 * is embedded in the message document through {@link io.mallard.model.ingest.ParsedMessageCodec},
 * and the raw bytes are kept, byte for byte, by
 * {@link io.mallard.model.ingest.content.MessageContentStore}.
 */
package io.mallard.model.ingest;
