package io.mallard.imap.codec;

import java.time.ZonedDateTime;
import java.util.List;

/** A parsed command: one immutable record per command shape (RFC 9051 §6). */
public sealed interface ImapRequest {

    String tag();

    /** The command name, upper case, with "UID " in front for UID commands. */
    String name();

    /** CAPABILITY, NOOP, LOGOUT, STARTTLS, CHECK, CLOSE, UNSELECT, EXPUNGE, IDLE, NAMESPACE. */
    record Bare(String tag, String name) implements ImapRequest {
    }

    record Login(String tag, String name, String user, String password) implements ImapRequest {
        @Override
        public String toString() {
            return "Login[" + tag + ", " + user + "]";
        }
    }

    /** @param initialResponse the SASL-IR argument (RFC 4959), or {@code null} */
    record Authenticate(String tag, String name, String mechanism, String initialResponse) implements ImapRequest {
    }

    record Enable(String tag, String name, List<String> capabilities) implements ImapRequest {
    }

    /** RFC 2971 ID; what the client says about itself is not needed. */
    record Id(String tag, String name) implements ImapRequest {
    }

    /** CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE. */
    record OnMailbox(String tag, String name, String mailbox) implements ImapRequest {
    }

    /**
     * SELECT and EXAMINE with their RFC 7162 parameters.
     *
     * @param condstore the CONDSTORE parameter (§3.1.8)
     * @param qresync the QRESYNC parameter (§3.2.5), or {@code null}
     */
    record Select(String tag, String name, String mailbox, boolean condstore, Qresync qresync) implements ImapRequest {
    }

    /**
     * RFC 7162 §3.2.5 {@code QRESYNC (uidvalidity modseq [known-uids [(seqs uids)]])}.
     *
     * @param knownUids the UIDs the client knows, or {@code null} for all below UIDNEXT
     * @param matchSequences the message numbers of the sequence match data, ascending, or empty
     * @param matchUids the UIDs the client has for those numbers, as many
     */
    record Qresync(long uidValidity, long modseq, SequenceSet knownUids, List<Long> matchSequences,
            List<Long> matchUids) {
        public Qresync {
            matchSequences = List.copyOf(matchSequences);
            matchUids = List.copyOf(matchUids);
        }
    }

    record Rename(String tag, String name, String from, String to) implements ImapRequest {
    }

    /** LIST and LSUB. */
    record ListMailboxes(String tag, String name, String reference, String pattern) implements ImapRequest {
    }

    record Status(String tag, String name, String mailbox, List<String> items) implements ImapRequest {
    }

    /** @param internalDate the date-time argument, or {@code null} */
    record Append(String tag, String name, String mailbox, List<String> flags, ZonedDateTime internalDate,
            byte[] message) implements ImapRequest {
        @Override
        public String toString() {
            return "Append[" + tag + ", " + mailbox + ", " + message.length + " bytes]";
        }
    }

    /**
     * @param changedSince RFC 7162 §3.1.4 CHANGEDSINCE, or -1
     * @param vanished RFC 7162 §3.2.6 VANISHED (UID FETCH with CHANGEDSINCE only)
     */
    record Fetch(String tag, String name, boolean uid, SequenceSet set, List<FetchAttribute> attributes,
            long changedSince, boolean vanished) implements ImapRequest {
        public Fetch(String tag, String name, boolean uid, SequenceSet set, List<FetchAttribute> attributes) {
            this(tag, name, uid, set, attributes, -1, false);
        }
    }

    enum StoreMode { SET, ADD, REMOVE }

    /** @param unchangedSince RFC 7162 §3.1.3 UNCHANGEDSINCE, or -1 */
    record Store(String tag, String name, boolean uid, SequenceSet set, StoreMode mode, boolean silent,
            List<String> flags, long unchangedSince) implements ImapRequest {
        public Store(String tag, String name, boolean uid, SequenceSet set, StoreMode mode, boolean silent,
                List<String> flags) {
            this(tag, name, uid, set, mode, silent, flags, -1);
        }
    }

    /** COPY and MOVE. */
    record Transfer(String tag, String name, boolean uid, SequenceSet set, String mailbox) implements ImapRequest {
    }

    record UidExpunge(String tag, String name, SequenceSet set) implements ImapRequest {
    }

    record Search(String tag, String name, boolean uid, SearchKey key) implements ImapRequest {
    }
}
