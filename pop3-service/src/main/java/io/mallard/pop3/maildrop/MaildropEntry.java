package io.mallard.pop3.maildrop;

import org.bson.types.ObjectId;

/**
 * What a session keeps of each maildrop message from login: enough for STAT, LIST and UIDL and to
 * find it again. Its content is read when asked, a window at a time (see {@link ReadAhead}).
 */
public record MaildropEntry(ObjectId id, long uid, long size) {
}
