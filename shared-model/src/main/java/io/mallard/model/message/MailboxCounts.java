package io.mallard.model.message;

/**
 * What SELECT and STATUS report (RFC 3501 6.3.1, 6.3.10; RFC 7162 HIGHESTMODSEQ), all bounded by
 * the visibility watermark.
 *
 * @param exists messages up to the watermark
 * @param unseen of those, the ones without \Seen
 * @param uidNext the watermark + 1: a client may assume it knows every UID below it, so this must
 *     not be the allocator's counter, which runs ahead of uncommitted appends
 * @param uidValidity the mailbox's UIDVALIDITY
 * @param highestModseq RFC 7162 HIGHESTMODSEQ: {@code Journal.completeUpTo}, not the MODSEQ counter,
 *     which runs ahead of changes still being written
 */
public record MailboxCounts(long exists, long unseen, long uidNext, long uidValidity, long highestModseq) {
}
