/**
 * LMTP wire format: command lines to records, replies to lines. No storage, no Netty: parsers
 * here are tested table-driven without a server.
 */
package io.mallard.lmtp.codec;
