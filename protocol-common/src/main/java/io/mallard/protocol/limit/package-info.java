/** Per-address connection limits, session busy marking and the idle timeout that respects it. */
package io.mallard.protocol.limit;
