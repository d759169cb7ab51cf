/**
 * Bytes to frames: {@link io.mallard.protocol.codec.FrameDecoder} cuts the inbound stream into
 * lines, literals and raw blocks under fixed limits; protocols parse the immutable frames purely.
 */
package io.mallard.protocol.codec;
