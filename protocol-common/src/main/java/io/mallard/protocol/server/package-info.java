/**
 * {@link io.mallard.protocol.server.ProtocolServer}: the listener that ties the other packages
 * together and hands frames to a protocol's {@link io.mallard.protocol.server.ProtocolSession}.
 */
package io.mallard.protocol.server;
