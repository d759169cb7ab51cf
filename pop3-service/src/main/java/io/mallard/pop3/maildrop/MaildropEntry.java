package io.mallard.pop3.maildrop;

import org.bson.types.ObjectId;

/**
 * What a session keeps of each maildrop message from login: enough for STAT, LIST and UIDL, to
 * find it again, and to know whether RETR changes anything at QUIT. Its content is read when
 * asked, a window at a time (see {@link ReadAhead}).
 *
 * @param seen whether it was already \Seen at login
 */
public record MaildropEntry(ObjectId id, long uid, long size, boolean seen) {
}
