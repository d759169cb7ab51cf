/** Connection hooks: a plain interface services implement (later as Spring beans) to admit and observe connections. */
package io.mallard.protocol.hook;
