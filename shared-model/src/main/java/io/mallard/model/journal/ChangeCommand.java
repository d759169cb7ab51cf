package io.mallard.model.journal;

/** What a journal entry reports; the message ones mirror the IMAP untagged responses they cause. */
public enum ChangeCommand {
    /** A message arrived: RFC 3501 7.3.1 EXISTS. */
    EXISTS,
    /** A message left the mailbox: RFC 3501 7.4.1 EXPUNGE (RFC 7162 VANISHED for QRESYNC clients). */
    EXPUNGE,
    /** A message's flags changed: an unsolicited FETCH with FLAGS and MODSEQ (RFC 7162 3.1.4). */
    FLAGS,
    CREATE,
    RENAME,
    DELETE,
    /**
     * A MODSEQ with no change: its writer gave it up, or a reader fenced it after the lease. Only
     * {@code Journal.between} returns these; they keep {@code Journal.completeUpTo} moving.
     */
    NONE
}
